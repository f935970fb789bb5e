package org.twostep.account;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.twostep.config.Settings;
import org.twostep.fault.ServiceBusyException;

/**
 * Password hashing with Jakarta Security's {@link Pbkdf2PasswordHash}. A stored hash carries its
 * parameters ({@code PBKDF2WithHmacSHA256:600000:salt:hash}), so a change of the configured
 * algorithm or iterations is picked up by {@link #isOutdated} and applied at the next login.
 *
 * <pre>{@code
 * String stored = hashes.hash(password);
 * boolean ok = hashes.verify(password, stored);
 * }</pre>
 *
 * <p>As many hashes run at once as the machine has processors; up to {@link #QUEUED_PER_PROCESSOR}
 * times as many wait their turn, each at most {@link #MAX_WAIT_SECONDS}; any more are answered busy
 * at once. A flood of password posts (unknown users too) then neither takes every processor from the
 * steps that are cheap nor holds every request thread waiting.
 */
@ApplicationScoped
public class PasswordHashes {

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    @Inject
    Settings settings;

    static final long MAX_WAIT_SECONDS = 5;
    static final int QUEUED_PER_PROCESSOR = 8;

    private final int cores = Runtime.getRuntime().availableProcessors();
    private final Semaphore processors = new Semaphore(cores, true);
    private final AtomicInteger waiting = new AtomicInteger();

    private String currentPrefix;
    private String dummyHash;

    @PostConstruct
    void configure() {
        pbkdf2.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", settings.passwordAlgorithm(),
                "Pbkdf2PasswordHash.Iterations", Integer.toString(settings.passwordIterations()),
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
        currentPrefix = settings.passwordAlgorithm() + ":" + settings.passwordIterations() + ":";
        dummyHash = pbkdf2.generate("no account has this password".toCharArray());
    }

    public String hash(char[] password) {
        return inTurn(() -> pbkdf2.generate(password));
    }

    /** Constant-time comparison of the derived keys is Pbkdf2PasswordHash's own. */
    public boolean verify(char[] password, String storedHash) {
        return inTurn(() -> pbkdf2.verify(password, storedHash));
    }

    /**
     * Spends the time of one verification on a hash no password matches, so an unknown username
     * takes as long to refuse as a wrong password.
     */
    public void burnVerification(char[] password) {
        verify(password, dummyHash);
    }

    private <T> T inTurn(Supplier<T> hashing) {
        if (waiting.incrementAndGet() > cores * QUEUED_PER_PROCESSOR) {
            waiting.decrementAndGet();
            throw new ServiceBusyException(); // the queue is full: no thread is held for nothing
        }
        try {
            if (!processors.tryAcquire(MAX_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new ServiceBusyException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceBusyException();
        } finally {
            waiting.decrementAndGet();
        }
        try {
            return hashing.get();
        } finally {
            processors.release();
        }
    }

    /** Whether a stored hash was made with other parameters than the configured ones. */
    public boolean isOutdated(String storedHash) {
        return !storedHash.startsWith(currentPrefix);
    }
}
