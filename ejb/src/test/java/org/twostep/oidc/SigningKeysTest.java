package org.twostep.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twostep.config.Settings;
import org.twostep.crypto.KeyFiles;

/** The generated key file: RS256 and ES256 keys, owner-only; one from before ES256 gains an EC key and keeps its RSA key. */
class SigningKeysTest {

    @TempDir
    Path dataDir;

    @AfterEach
    void forgetDataDir() {
        System.clearProperty("jboss.server.data.dir");
    }

    @Test
    void aKeyFileFromBeforeEs256KeepsItsRsaKeyAndGainsAnEcKey() throws Exception {
        System.setProperty("jboss.server.data.dir", dataDir.toString());
        var rsa = SigningKeys.newKey();
        Path file = KeyFiles.path(SigningKeys.FILE);
        KeyFiles.create(file, new JWKSet(rsa).toString(false));

        SigningKeys keys = load();
        assertEquals(rsa.getKeyID(), keys.current(JWSAlgorithm.RS256).getKeyID(), "the RSA key signs as before");
        assertTrue(keys.offers(JWSAlgorithm.ES256));
        JWKSet stored = JWKSet.parse(Files.readString(file));
        assertEquals(2, stored.getKeys().size());
        assertEquals(keys.current(JWSAlgorithm.ES256).getKeyID(), load().current(JWSAlgorithm.ES256).getKeyID(),
                "the EC key is kept in the file, not made again at every start");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    private static SigningKeys load() {
        SigningKeys keys = new SigningKeys();
        keys.settings = new Settings() {
            @Override
            public Optional<String> oidcSigningKeys() {
                return Optional.empty();
            }
        };
        keys.log = Logger.getLogger(SigningKeysTest.class.getName());
        keys.load();
        return keys;
    }
}
