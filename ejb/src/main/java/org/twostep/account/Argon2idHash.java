package org.twostep.account;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106), OWASP's first choice for passwords, by BouncyCastle's
 * {@code Argon2BytesGenerator}. Stored in the PHC string format that the reference implementation
 * writes: {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<key>}, base64 without padding.
 *
 * <p>Each hash holds {@code memoryKib} of memory while it runs; {@link PasswordHashes} lets only as
 * many run at once as there are processors, so a burst of logins holds at most that many times it.
 * That memory is BouncyCastle's 1 KiB blocks, handed back cleared when a hash ends and kept
 * ({@link #MEMORY}) for the next: a login allocates none of it, so the garbage collector neither
 * copies nor promotes the megabytes of a hash under way, and the heap holds them once.
 *
 * <pre>{@code
 * String stored = new Argon2idHash(19_456, 2, 1).hash(password); // OWASP's minimum
 * }</pre>
 *
 * @param memoryKib   memory in KiB, at least 8 × parallelism
 * @param iterations  passes over the memory, at least 1
 * @param parallelism lanes, at least 1
 */
public record Argon2idHash(int memoryKib, int iterations, int parallelism) implements PasswordHash {

    static final String NAME = "argon2id";
    private static final int VERSION = Argon2Parameters.ARGON2_VERSION_13; // 0x13 = 19
    // A stored hash asks no more than this: a damaged row cannot make a login allocate gigabytes.
    private static final int MAX_MEMORY_KIB = 1 << 20;
    private static final int MAX_ITERATIONS = 100;
    private static final int MAX_PARALLELISM = 16;
    /**
     * The memory of finished hashes, each in BouncyCastle's pool of cleared blocks, taken whole by the
     * next hash (so no two hashes share a pool's lock). As many are kept as there are processors,
     * each with at most 64 MiB, and only as much as the hashes used: {@code processors × memory-kib}
     * at the configured setting (38 MiB on 2 processors at 19,456 KiB).
     */
    private static final Deque<Argon2BytesGenerator.FixedBlockPool> MEMORY = new ConcurrentLinkedDeque<>();
    private static final int KEPT_MEMORIES = Runtime.getRuntime().availableProcessors();
    private static final int KEPT_BLOCKS = 65_536;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,88})\\$([A-Za-z0-9+/]{22,88})");

    public Argon2idHash {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM || iterations < 1 || iterations > MAX_ITERATIONS
                || memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("twostep.password.argon2 settings out of range: memory-kib from 8 × parallelism to "
                    + MAX_MEMORY_KIB + ", iterations 1 to " + MAX_ITERATIONS + ", parallelism 1 to " + MAX_PARALLELISM);
        }
    }

    @Override
    public String hash(char[] password) {
        byte[] salt = PasswordHash.newSalt();
        return prefix() + B64.encodeToString(salt) + "$" + B64.encodeToString(derive(password, salt, KEY_BYTES));
    }

    @Override
    public boolean madeThis(String stored) {
        return stored.startsWith(prefix());
    }

    private String prefix() {
        return "$" + NAME + "$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$";
    }

    private byte[] derive(char[] password, byte[] salt, int keyBytes) {
        Argon2BytesGenerator.FixedBlockPool memory = MEMORY.poll();
        if (memory == null) {
            memory = new Argon2BytesGenerator.FixedBlockPool(KEPT_BLOCKS);
        }
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(VERSION)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .withBlockPool(memory)
                .build());
        byte[] key = new byte[keyBytes];
        try {
            generator.generateBytes(password, key); // the password as UTF-8, as the reference implementation takes it
        } finally {
            if (MEMORY.size() < KEPT_MEMORIES) {
                MEMORY.push(memory); // its blocks cleared by the generator, whatever happened
            }
        }
        return key;
    }

    static boolean reads(String stored) {
        return stored.startsWith("$" + NAME + "$");
    }

    static boolean verifyStored(char[] password, String stored) {
        Matcher phc = PHC.matcher(stored);
        if (!phc.matches()) {
            return false;
        }
        Argon2idHash made;
        byte[] salt;
        byte[] key;
        try {
            made = new Argon2idHash(Integer.parseInt(phc.group(1)), Integer.parseInt(phc.group(2)), Integer.parseInt(phc.group(3)));
            salt = B64_READER.decode(phc.group(4));
            key = B64_READER.decode(phc.group(5));
        } catch (IllegalArgumentException e) {
            return false; // parameters out of range or not base64: a row no password matches
        }
        return MessageDigest.isEqual(key, made.derive(password, salt, key.length));
    }

    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_READER = Base64.getDecoder();
}
