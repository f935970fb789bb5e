package org.twostep.account;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.twostep.config.Settings;
import org.twostep.fault.ServiceBusyException;

/**
 * Password hashing with the configured {@link PasswordHash}: PBKDF2 (by default) or Argon2id. A
 * stored hash carries its algorithm and parameters ({@code PBKDF2WithHmacSHA256:600000:salt:hash},
 * {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), so any stored hash is verified with what made
 * it, and a change of the configured algorithm or parameters is picked up by {@link #isOutdated} and
 * applied at the next login.
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
    Settings settings;

    static final long MAX_WAIT_SECONDS = 5;
    static final int QUEUED_PER_PROCESSOR = 8;

    private final int cores = Runtime.getRuntime().availableProcessors();
    private final Semaphore processors = new Semaphore(cores, true);
    private final AtomicInteger waiting = new AtomicInteger();

    private PasswordHash configured;
    private String dummyHash;

    @PostConstruct
    void configure() {
        configured = settings.passwordHash();
        dummyHash = configured.hash("no account has this password".toCharArray());
    }

    public String hash(char[] password) {
        return inTurn(() -> configured.hash(password));
    }

    /** Verified with the algorithm and parameters the stored hash names; the keys compared in constant time. */
    public boolean verify(char[] password, String storedHash) {
        return inTurn(() -> PasswordHash.verify(password, storedHash));
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
        return !configured.madeThis(storedHash);
    }
}
