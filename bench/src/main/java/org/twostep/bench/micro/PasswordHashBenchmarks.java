package org.twostep.bench.micro;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.twostep.account.PasswordHash;
import org.twostep.bench.Seed;

/**
 * The password hash alone, as a login verifies it: the bound of logins per second is the number
 * of cores divided by this time (run it with {@code -t 2} on 2 cores to see that they scale).
 * {@code hash} is a {@code --hash} of the seeding command: {@code pbkdf2:600000} (OWASP, PBKDF2-SHA256),
 * {@code argon2id:7168:5:1} (Keycloak's default), {@code argon2id:19456:2:1} (OWASP's Argon2id minimum).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class PasswordHashBenchmarks {

    @Param({"pbkdf2:600000", "argon2id:7168:5:1", "argon2id:19456:2:1", "pbkdf2:1024"})
    public String hash;

    private final char[] password = "bench-Password-2026!".toCharArray();
    private String stored;

    @Setup
    public void setUp() {
        stored = Seed.hashOf(hash).hash(password);
    }

    @Benchmark
    public boolean verify() {
        return PasswordHash.verify(password, stored);
    }
}
