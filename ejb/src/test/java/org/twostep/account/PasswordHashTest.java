package org.twostep.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

class PasswordHashTest {

    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();
    private static final Argon2idHash ARGON2 = new Argon2idHash(64, 1, 1); // small: the test is about the format
    private static final Pbkdf2Hash PBKDF2 = new Pbkdf2Hash("PBKDF2WithHmacSHA256", 1_024);

    @Test
    void argon2idIsStoredInThePhcFormatWithItsParameters() {
        String stored = new Argon2idHash(1024, 3, 2).hash(PASSWORD);
        assertTrue(stored.matches("\\$argon2id\\$v=19\\$m=1024,t=3,p=2\\$[A-Za-z0-9+/]{43}\\$[A-Za-z0-9+/]{43}"), stored);
        assertTrue(PasswordHash.verify(PASSWORD, stored));
        assertFalse(PasswordHash.verify("correct horse battery stapler".toCharArray(), stored));
    }

    @Test
    void argon2idReadsTheReferenceImplementationsOwnVector() {
        // phc-winner-argon2 src/test.c: "password", "somesalt", t=2, m=2^16, p=1, Argon2id v1.3.
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertTrue(PasswordHash.verify("password".toCharArray(), reference));
        assertFalse(PasswordHash.verify("Password".toCharArray(), reference));
        assertTrue(new Argon2idHash(65_536, 2, 1).madeThis(reference));
    }

    @Test
    void argon2idMemoryKeptFromEarlierHashesChangesNoResult() throws Exception {
        // The reference vector again, after hashes of other sizes in parallel have left their blocks for it.
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        List<Callable<Boolean>> hashes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Argon2idHash hash = new Argon2idHash(256 << (i % 4), 1, 1 + i % 2);
            hashes.add(() -> PasswordHash.verify(PASSWORD, hash.hash(PASSWORD)));
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (Future<Boolean> verified : threads.invokeAll(hashes)) {
                assertTrue(verified.get());
            }
        } finally {
            threads.shutdown();
        }
        assertTrue(PasswordHash.verify("password".toCharArray(), reference));
        assertFalse(PasswordHash.verify("Password".toCharArray(), reference));
    }

    @Test
    void pbkdf2IsStoredAsJakartaSecurityStoresIt() throws Exception {
        String stored = PBKDF2.hash(PASSWORD);
        String[] parts = stored.split(":");
        assertEquals("PBKDF2WithHmacSHA256", parts[0]);
        assertEquals("1024", parts[1]);
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(PASSWORD, Base64.getDecoder().decode(parts[2]), 1_024, 256)).getEncoded();
        assertEquals(Base64.getEncoder().encodeToString(key), parts[3]);
        assertTrue(PasswordHash.verify(PASSWORD, stored));
        assertFalse(PasswordHash.verify("wrong".toCharArray(), stored));
    }

    @Test
    void eachHashHasItsOwnSalt() {
        assertNotEquals(ARGON2.hash(PASSWORD), ARGON2.hash(PASSWORD));
        assertNotEquals(PBKDF2.hash(PASSWORD), PBKDF2.hash(PASSWORD));
    }

    @Test
    void aHashMadeWithOtherParametersIsNotCurrent() {
        String argon2 = ARGON2.hash(PASSWORD);
        String pbkdf2 = PBKDF2.hash(PASSWORD);
        assertTrue(ARGON2.madeThis(argon2));
        assertFalse(new Argon2idHash(64, 2, 1).madeThis(argon2));
        assertFalse(ARGON2.madeThis(pbkdf2));
        assertTrue(PBKDF2.madeThis(pbkdf2));
        assertFalse(new Pbkdf2Hash("PBKDF2WithHmacSHA256", 600_000).madeThis(pbkdf2));
        assertFalse(PBKDF2.madeThis(argon2));
    }

    @Test
    void damagedOrForeignStoredFormsMatchNoPassword() {
        String argon2 = ARGON2.hash(PASSWORD);
        String pbkdf2 = PBKDF2.hash(PASSWORD);
        for (String stored : new String[] {
                "", "plain", "$argon2i$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g",
                argon2.replace("v=19", "v=16"), argon2.replace("m=64", "m=99999999"), argon2.replace("t=1", "t=0"),
                argon2.substring(0, argon2.length() - 2), argon2 + "$x",
                pbkdf2.replace(":1024:", ":0:"), pbkdf2.replace(":1024:", ":99999999999:"),
                pbkdf2.replace(":1024:", ":x:"), "PBKDF2WithHmacMD5:1024:c2FsdA==:aGFzaA==", pbkdf2 + ":more",
                pbkdf2.replace("PBKDF2WithHmacSHA256:1024:", "PBKDF2WithHmacSHA256:1024:!!:")}) {
            assertFalse(PasswordHash.verify(PASSWORD, stored), stored);
        }
    }

    @Test
    void theConfiguredHashIsChosenByName() {
        assertEquals(new Argon2idHash(19_456, 2, 1), PasswordHash.of("argon2id", 600_000, 19_456, 2, 1));
        assertEquals(new Argon2idHash(7_168, 5, 1), PasswordHash.of("ARGON2ID", 600_000, 7_168, 5, 1));
        assertEquals(new Pbkdf2Hash("PBKDF2WithHmacSHA512", 210_000), PasswordHash.of("PBKDF2WithHmacSHA512", 210_000, 19_456, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.of("bcrypt", 10, 19_456, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.of("argon2id", 10, 4, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> PasswordHash.of("PBKDF2WithHmacSHA256", 1_023, 19_456, 2, 1));
    }
}
