package org.twostep.account;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import org.twostep.config.Settings;

/**
 * Password hashing with Jakarta Security's {@link Pbkdf2PasswordHash}. A stored hash carries its
 * parameters ({@code PBKDF2WithHmacSHA256:600000:salt:hash}), so a change of the configured
 * algorithm or iterations is picked up by {@link #isOutdated} and applied at the next login.
 *
 * <pre>{@code
 * String stored = hashes.hash(password);
 * boolean ok = hashes.verify(password, stored);
 * }</pre>
 */
@ApplicationScoped
public class PasswordHashes {

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    @Inject
    Settings settings;

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
        return pbkdf2.generate(password);
    }

    /** Constant-time comparison of the derived keys is Pbkdf2PasswordHash's own. */
    public boolean verify(char[] password, String storedHash) {
        return pbkdf2.verify(password, storedHash);
    }

    /**
     * Spends the time of one verification on a hash no password matches, so an unknown username
     * takes as long to refuse as a wrong password.
     */
    public void burnVerification(char[] password) {
        pbkdf2.verify(password, dummyHash);
    }

    /** Whether a stored hash was made with other parameters than the configured ones. */
    public boolean isOutdated(String storedHash) {
        return !storedHash.startsWith(currentPrefix);
    }
}
