package org.twostep.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.twostep.crypto.SecretCipher.UnreadableSecretException;

class SecretCipherTest {

    private static final byte[] PLAINTEXT = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final String AAD = "user:42";

    private final SecretCipher cipher = new SecretCipher("k1", SecretCipher.newKey());

    @Test
    void roundTrips() {
        String sealed = cipher.seal(PLAINTEXT, AAD);
        assertTrue(sealed.startsWith("v1:k1:"), sealed);
        assertArrayEquals(PLAINTEXT, cipher.open(sealed, AAD));
        assertEquals("k1", cipher.keyId());
    }

    @Test
    void roundTripsEmptyPlaintext() {
        assertArrayEquals(new byte[0], cipher.open(cipher.seal(new byte[0], AAD), AAD));
    }

    @Test
    void twoSealsOfSamePlaintextDiffer() {
        assertNotEquals(cipher.seal(PLAINTEXT, AAD), cipher.seal(PLAINTEXT, AAD));
    }

    @Test
    void flippingAnySinglePayloadByteMakesItUnreadable() {
        String sealed = cipher.seal(PLAINTEXT, AAD);
        String prefix = sealed.substring(0, sealed.lastIndexOf(':') + 1);
        byte[] payload = Base64.getUrlDecoder().decode(sealed.substring(prefix.length()));
        assertEquals(12 + PLAINTEXT.length + 16, payload.length);

        for (int i = 0; i < payload.length; i++) {
            byte[] tampered = payload.clone();
            tampered[i] ^= 0x01;
            String forged = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
            assertThrows(UnreadableSecretException.class, () -> cipher.open(forged, AAD), "byte " + i);
        }
    }

    @Test
    void wrongAssociatedDataIsUnreadable() {
        String sealed = cipher.seal(PLAINTEXT, AAD);
        assertThrows(UnreadableSecretException.class, () -> cipher.open(sealed, "user:43"));
    }

    @Test
    void unknownKeyIdIsUnreadable() {
        String sealed = new SecretCipher("other", SecretCipher.newKey()).seal(PLAINTEXT, AAD);
        assertThrows(UnreadableSecretException.class, () -> cipher.open(sealed, AAD));
    }

    @Test
    void sameKeyIdWithDifferentKeyIsUnreadable() {
        String sealed = new SecretCipher("k1", SecretCipher.newKey()).seal(PLAINTEXT, AAD);
        assertThrows(UnreadableSecretException.class, () -> cipher.open(sealed, AAD));
    }

    @Test
    void malformedSealedStringsAreUnreadable() {
        for (String bad : new String[] {"", "v1", "v1:k1", "v2:k1:AAAA", "v1:k1:!!!", "v1:k1:AAAA", "v1:k1:a:b"}) {
            assertThrows(UnreadableSecretException.class, () -> cipher.open(bad, AAD), bad);
        }
    }

    @Test
    void oldKeyStillOpensAfterRotation() {
        byte[] oldKey = SecretCipher.newKey();
        String sealedWithOld = new SecretCipher("k1", oldKey).seal(PLAINTEXT, AAD);

        SecretCipher rotated = new SecretCipher("k2", SecretCipher.newKey()).withOldKey("k1", oldKey);

        assertArrayEquals(PLAINTEXT, rotated.open(sealedWithOld, AAD));
        assertEquals("k2", rotated.keyId());
        assertTrue(rotated.seal(PLAINTEXT, AAD).startsWith("v1:k2:"));
    }

    @Test
    void sealedStringDoesNotRevealPlaintext() {
        String sealed = cipher.seal(PLAINTEXT, AAD);
        assertFalse(sealed.contains(Base32.encode(PLAINTEXT)));
        assertFalse(sealed.toLowerCase().contains(HexFormat.of().formatHex(PLAINTEXT)));
        assertFalse(sealed.contains(new String(PLAINTEXT, StandardCharsets.US_ASCII)));
    }

    @Test
    void exceptionMessagesAndToStringHoldNoSecrets() {
        byte[] key = SecretCipher.newKey();
        SecretCipher keyed = new SecretCipher("k1", key);
        String sealed = keyed.seal(PLAINTEXT, AAD);
        UnreadableSecretException wrongAad = assertThrows(UnreadableSecretException.class, () -> keyed.open(sealed, "user:43"));
        UnreadableSecretException tampered = assertThrows(UnreadableSecretException.class,
                () -> keyed.open(sealed.substring(0, sealed.length() - 4) + "AAAA", AAD));
        // What an attacker or a log reader must not find: the plaintext, the key, the ciphertext, in any usual encoding.
        String plain = new String(PLAINTEXT, StandardCharsets.US_ASCII);
        java.util.List<String> secrets = java.util.List.of(plain, Base64.getEncoder().encodeToString(PLAINTEXT),
                HexFormat.of().formatHex(PLAINTEXT), Base64.getEncoder().encodeToString(key),
                Base64.getUrlEncoder().withoutPadding().encodeToString(key), HexFormat.of().formatHex(key),
                sealed.substring(6));
        for (String text : new String[] {wrongAad.getMessage(), tampered.getMessage(), String.valueOf(wrongAad.getCause()),
                keyed.toString()}) {
            for (String secret : secrets) {
                assertFalse(text.contains(secret), "\"" + text + "\" holds a secret");
            }
        }
    }

    @Test
    void rejectsBadKeysAndKeyIds() {
        assertThrows(IllegalArgumentException.class, () -> new SecretCipher("k1", new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> new SecretCipher("k1", new byte[33]));
        assertThrows(IllegalArgumentException.class, () -> new SecretCipher("", new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> new SecretCipher("k:1", new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> new SecretCipher("k".repeat(33), new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> cipher.withOldKey("k1", new byte[32]));
        assertEquals(32, SecretCipher.newKey().length);
    }
}
