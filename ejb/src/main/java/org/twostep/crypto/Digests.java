package org.twostep.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * SHA-256 digests and random values as text: what stores a high-entropy secret (a recovery code, an
 * authorization code, a client secret) without storing it, and what makes one.
 *
 * <pre>{@code
 * String code = Digests.randomBase64Url(32);          // 256 random bits
 * String stored = Digests.sha256Base64Url(code);      // what the database keeps
 * boolean same = Digests.same(stored, Digests.sha256Base64Url(presented));
 * }</pre>
 */
public final class Digests {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Digests() {
    }

    /** SHA-256 of the text's UTF-8 bytes, base64 with padding. */
    public static String sha256Base64(String text) {
        return Base64.getEncoder().encodeToString(sha256(text));
    }

    /** SHA-256 of the text's UTF-8 bytes, base64url without padding (as PKCE's S256 and JOSE write it). */
    public static String sha256Base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(text));
    }

    /** {@code bytes} random bytes from a CSPRNG, base64url without padding. */
    public static String randomBase64Url(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** Constant-time comparison of two digests (or any two texts of the same alphabet). */
    public static boolean same(String digest, String other) {
        return digest != null && other != null && MessageDigest.isEqual(digest.getBytes(StandardCharsets.US_ASCII),
                other.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
