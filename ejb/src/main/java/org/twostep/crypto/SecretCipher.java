package org.twostep.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets (e.g. TOTP keys) for storage with AES-256-GCM, binding each to associated data such
 * as the owning account id, and supports key rotation: new seals use the current key, old keys still
 * open what they sealed. Immutable and thread-safe.
 *
 * <p>Sealed form: {@code "v1:" + keyId + ":" + base64url(nonce[12] || ciphertext || tag[16])}, no padding.
 *
 * <pre>{@code
 * SecretCipher cipher = new SecretCipher("k2", currentKey).withOldKey("k1", previousKey);
 * String sealed = cipher.seal(totpSecret, "user:42");
 * byte[] back = cipher.open(sealed, "user:42");
 * }</pre>
 */
public final class SecretCipher {

    private static final String VERSION = "v1";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    // NIST SP 800-38D §5.2.1.1 / §8.2.2: 96-bit IV, fresh random per message.
    private static final int NONCE_BYTES = 12;
    // NIST SP 800-38D §5.2.1.2: full 128-bit tag.
    private static final int TAG_BITS = 128;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final String keyId;
    /** All keys that can open, current one first; never exposed. */
    private final Map<String, SecretKey> keys;
    private final SecureRandom random;

    /**
     * @param keyId identifier stored in each sealed value, {@code [A-Za-z0-9_-]{1,32}}
     * @param key32 the 256-bit AES key (copied)
     * @throws IllegalArgumentException if the key id or key length is invalid
     */
    public SecretCipher(String keyId, byte[] key32) {
        this(keyId, Map.of(checkKeyId(keyId), toKey(key32)), new SecureRandom());
    }

    private SecretCipher(String keyId, Map<String, SecretKey> keys, SecureRandom random) {
        this.keyId = keyId;
        this.keys = keys;
        this.random = random;
    }

    /**
     * Returns a cipher that seals with this one's key and can also open values sealed with the given old key.
     *
     * @param keyId the old key's id, different from every id already known
     * @param key32 the old 256-bit key (copied)
     * @return a new instance; this one is unchanged
     */
    public SecretCipher withOldKey(String keyId, byte[] key32) {
        checkKeyId(keyId);
        SecretKey key = toKey(key32);
        if (keys.containsKey(keyId)) {
            throw new IllegalArgumentException("duplicate key id");
        }
        Map<String, SecretKey> all = new LinkedHashMap<>(keys);
        all.put(keyId, key);
        return new SecretCipher(this.keyId, Collections.unmodifiableMap(all), random);
    }

    /** How values sealed by each older key this cipher can open begin. */
    public List<String> oldPrefixes() {
        return keys.keySet().stream().filter(id -> !id.equals(keyId)).map(id -> VERSION + ":" + id + ":").toList();
    }

    /** @return the id of the key new seals use */
    public String keyId() {
        return keyId;
    }

    /**
     * @return 32 bytes from a fresh {@link SecureRandom}, suitable as a key
     */
    public static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /**
     * Encrypts and authenticates.
     *
     * @param plaintext      the secret, not null
     * @param associatedData context the value is bound to (e.g. "user:42"); must be given again to open
     * @return the sealed string
     */
    public String seal(byte[] plaintext, String associatedData) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(associatedData, "associatedData");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] ciphertext;
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(keyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            ciphertext = cipher.doFinal(plaintext); // ciphertext || tag
        } catch (GeneralSecurityException e) {
            // AES/GCM/NoPadding is required of every Java SE implementation.
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
        byte[] payload = new byte[NONCE_BYTES + ciphertext.length];
        System.arraycopy(nonce, 0, payload, 0, NONCE_BYTES);
        System.arraycopy(ciphertext, 0, payload, NONCE_BYTES, ciphertext.length);
        return VERSION + ':' + keyId + ':' + Base64.getUrlEncoder().withoutPadding().encodeToString(payload);
    }

    /**
     * Verifies and decrypts.
     *
     * @param sealed         a value from {@link #seal}
     * @param associatedData the same associated data as when sealing
     * @return the plaintext
     * @throws UnreadableSecretException on bad format, unknown key id, tampering or wrong associated data
     */
    public byte[] open(String sealed, String associatedData) {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(associatedData, "associatedData");
        String[] parts = sealed.split(":", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new UnreadableSecretException("unrecognised sealed format");
        }
        SecretKey key = keys.get(parts[1]);
        if (key == null) {
            throw new UnreadableSecretException("unknown key id");
        }
        byte[] payload;
        try {
            payload = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new UnreadableSecretException("unrecognised sealed format");
        }
        if (payload.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new UnreadableSecretException("unrecognised sealed format");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, payload, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(payload, NONCE_BYTES, payload.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            // NIST SP 800-38D §7.2: authentication failed, return nothing (tampered or wrong AAD/key).
            throw new UnreadableSecretException("authentication failed");
        } catch (GeneralSecurityException e) {
            throw new UnreadableSecretException("decryption failed");
        }
    }

    /** Never shows key material. */
    @Override
    public String toString() {
        return "SecretCipher[keyId=" + keyId + ", keys=" + keys.size() + "]";
    }

    private static String checkKeyId(String keyId) {
        Objects.requireNonNull(keyId, "keyId");
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("key id must match [A-Za-z0-9_-]{1,32}");
        }
        return keyId;
    }

    private static SecretKey toKey(byte[] key32) {
        Objects.requireNonNull(key32, "key32");
        if (key32.length != KEY_BYTES) {
            throw new IllegalArgumentException("key must be 32 bytes");
        }
        return new SecretKeySpec(key32, "AES");
    }

    /**
     * A sealed value could not be opened: bad format, unknown key id, or failed authentication
     * (tampering, wrong associated data). The message never contains the sealed value or plaintext.
     *
     * <pre>{@code
     * try {
     *     secret = cipher.open(row.sealedSecret(), "user:" + row.userId());
     * } catch (SecretCipher.UnreadableSecretException e) {
     *     // key missing from configuration, or the stored value was altered
     * }
     * }</pre>
     */
    public static final class UnreadableSecretException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        /** @param message a short, secret-free description */
        public UnreadableSecretException(String message) {
            super(message);
        }
    }
}
