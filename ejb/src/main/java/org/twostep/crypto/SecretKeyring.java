package org.twostep.crypto;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.logging.Logger;
import org.twostep.config.Settings;

/**
 * Holds the {@link SecretCipher} that seals TOTP secrets at rest (AES-256-GCM).
 *
 * <p>The key is {@code twostep.secret-key} (base64, 32 bytes) with id {@code twostep.secret-key-id}.
 * When none is configured, a key file {@code twostep/secret.key} is generated in the server's data
 * directory, readable by its owner only, and a warning says so. A key file that exists beside a
 * configured key still opens what it sealed, so moving to a configured key loses nothing.
 *
 * <pre>{@code
 * String sealed = keyring.cipher().seal(secret, "totp:" + accountId);
 * }</pre>
 */
@ApplicationScoped
public class SecretKeyring {

    static final String FILE_KEY_ID = "local";

    @Inject
    Settings settings;

    @Inject
    Logger log;

    private SecretCipher cipher;

    @PostConstruct
    void load() {
        Path keyFile = KeyFiles.path("secret.key");
        if (settings.secretKey().isPresent()) {
            cipher = new SecretCipher(settings.secretKeyId(), Base64.getDecoder().decode(settings.secretKey().get().strip()));
            if (Files.exists(keyFile)) {
                cipher = cipher.withOldKey(FILE_KEY_ID, readKey(keyFile));
            }
        } else {
            if (!Files.exists(keyFile)) {
                writeNewKey(keyFile);
                log.warning(() -> "No twostep.secret-key is configured: generated a key for secrets at rest in "
                        + keyFile + " (owner-only). Back it up with the database, or configure twostep.secret-key.");
            }
            cipher = new SecretCipher(FILE_KEY_ID, readKey(keyFile));
        }
    }

    /** Loads (or creates) the key when the application starts, so a missing key is reported at once. */
    void loadAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        cipher();
    }

    public SecretCipher cipher() {
        return cipher;
    }

    private static byte[] readKey(Path keyFile) {
        return Base64.getDecoder().decode(KeyFiles.read(keyFile));
    }

    private static void writeNewKey(Path keyFile) {
        KeyFiles.create(keyFile, Base64.getEncoder().encodeToString(SecretCipher.newKey()));
    }
}
