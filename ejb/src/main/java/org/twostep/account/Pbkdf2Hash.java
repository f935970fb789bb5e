package org.twostep.account;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import java.util.Set;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2 (RFC 8018 §5.2) by the JDK's own {@code SecretKeyFactory}, whose HMAC-SHA-256 runs on the
 * processor's SHA instructions. Stored as Jakarta Security's {@code Pbkdf2PasswordHash} stores it,
 * {@code PBKDF2WithHmacSHA256:600000:<base64 salt>:<base64 key>}, so hashes made before read the same.
 *
 * <pre>{@code
 * String stored = new Pbkdf2Hash("PBKDF2WithHmacSHA256", 600_000).hash(password);
 * }</pre>
 *
 * @param algorithm  {@code PBKDF2WithHmacSHA224}, {@code 256}, {@code 384} or {@code 512}
 * @param iterations at least 1,024 (as Jakarta Security's own); OWASP asks 600,000 for SHA-256
 */
public record Pbkdf2Hash(String algorithm, int iterations) implements PasswordHash {

    private static final Set<String> ALGORITHMS = Set.of(
            "PBKDF2WithHmacSHA224", "PBKDF2WithHmacSHA256", "PBKDF2WithHmacSHA384", "PBKDF2WithHmacSHA512");
    /** The fewest iterations a configuration may ask: Jakarta Security's {@code Pbkdf2PasswordHash} floor. */
    static final int MIN_ITERATIONS = 1_024;
    /** A stored hash names no more than this, so a damaged row cannot ask for an endless loop. */
    private static final int MAX_ITERATIONS = 10_000_000;

    public Pbkdf2Hash {
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("twostep.password.algorithm must be argon2id or one of " + ALGORITHMS);
        }
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("twostep.password.iterations must be between " + MIN_ITERATIONS + " and " + MAX_ITERATIONS);
        }
    }

    @Override
    public String hash(char[] password) {
        byte[] salt = PasswordHash.newSalt();
        return prefix() + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(derive(algorithm, password, salt, iterations, KEY_BYTES));
    }

    @Override
    public boolean madeThis(String stored) {
        return stored.startsWith(prefix());
    }

    private String prefix() {
        return algorithm + ":" + iterations + ":";
    }

    static boolean reads(String stored) {
        return stored.startsWith("PBKDF2WithHmac");
    }

    static boolean verifyStored(char[] password, String stored) {
        String[] parts = stored.split(":", -1);
        if (parts.length != 4 || !ALGORITHMS.contains(parts[0])) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] key = Base64.getDecoder().decode(parts[3]);
            if (iterations < 1 || iterations > MAX_ITERATIONS || salt.length == 0 || key.length == 0) {
                return false;
            }
            return MessageDigest.isEqual(key, derive(parts[0], password, salt, iterations, key.length));
        } catch (IllegalArgumentException e) {
            return false; // not a number, not base64: a row no password matches
        }
    }

    private static byte[] derive(String algorithm, char[] password, byte[] salt, int iterations, int keyBytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, keyBytes * 8);
        try {
            return SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("PBKDF2 refused its parameters", e);
        } catch (GeneralSecurityException e) {
            // The four PBKDF2WithHmacSHA* algorithms are in every JDK since 8.
            throw new IllegalStateException(algorithm + " unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }
}
