package org.twostep.account;

import java.security.SecureRandom;

/**
 * A password hash with its parameters. Its stored form names the algorithm and the parameters, so a
 * stored hash is verified with what it was made with, and one made with other parameters than the
 * configured ones is told apart ({@link #madeThis}) and replaced at the next sign-in.
 *
 * <pre>{@code
 * PasswordHash configured = new Argon2idHash(19_456, 2, 1);
 * String stored = configured.hash(password);
 * boolean right = PasswordHash.verify(password, stored);   // whichever algorithm made it
 * boolean current = configured.madeThis(stored);
 * }</pre>
 */
public sealed interface PasswordHash permits Pbkdf2Hash, Argon2idHash {

    /** Bytes of a fresh random salt; 32 (256 bits) for both algorithms. */
    int SALT_BYTES = 32;

    /** Bytes of a derived key; 32 (256 bits) for both algorithms. */
    int KEY_BYTES = 32;

    /** Hashes with a fresh salt; the stored form carries the salt and the parameters. */
    String hash(char[] password);

    /** Whether this algorithm, with exactly these parameters, made the stored hash. */
    boolean madeThis(String stored);

    /**
     * Whether the password is the one the stored hash was made of, in constant time. A stored form
     * that no algorithm here reads matches no password.
     */
    static boolean verify(char[] password, String stored) {
        if (Argon2idHash.reads(stored)) {
            return Argon2idHash.verifyStored(password, stored);
        }
        if (Pbkdf2Hash.reads(stored)) {
            return Pbkdf2Hash.verifyStored(password, stored);
        }
        return false;
    }

    /** The configured hash: {@code argon2id} with its three parameters, or a {@code PBKDF2WithHmac...} algorithm. */
    static PasswordHash of(String algorithm, int pbkdf2Iterations, int argon2MemoryKib, int argon2Iterations,
                           int argon2Parallelism) {
        return Argon2idHash.NAME.equalsIgnoreCase(algorithm)
                ? new Argon2idHash(argon2MemoryKib, argon2Iterations, argon2Parallelism)
                : new Pbkdf2Hash(algorithm, pbkdf2Iterations);
    }

    static byte[] newSalt() {
        byte[] salt = new byte[SALT_BYTES];
        Holder.RANDOM.nextBytes(salt);
        return salt;
    }

    /** One generator for all salts: SecureRandom is thread-safe, and seeding one per hash costs. */
    final class Holder {
        static final SecureRandom RANDOM = new SecureRandom();

        private Holder() {
        }
    }
}
