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
 * directory, readable by its owner only, and a warning says so; with {@code twostep.production=true}
 * the application refuses to start instead, saying what to set. A key file that exists beside a
 * configured key still opens what it sealed, and so does each of {@code twostep.secret-keys.old}
 * ({@code id:base64} pairs): a rotation loses nothing. The sweeper re-seals what older keys sealed
 * with the current one ({@code TotpAuthenticators.resealWithCurrentKey}), after which they can go.
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
            cipher = new SecretCipher(settings.secretKeyId(), decode(settings.secretKey().get(), "twostep.secret-key"));
            if (Files.exists(keyFile)) {
                cipher = cipher.withOldKey(FILE_KEY_ID, readKey(keyFile));
            }
            for (String old : settings.oldSecretKeys()) {
                int colon = old.indexOf(':');
                if (colon < 1) {
                    throw new IllegalStateException("twostep.secret-keys.old: each key is id:base64, comma-separated");
                }
                cipher = cipher.withOldKey(old.substring(0, colon), decode(old.substring(colon + 1), "twostep.secret-keys.old"));
            }
        } else if (settings.production()) {
            throw new IllegalStateException("twostep.production is true but no twostep.secret-key is configured: set"
                    + " twostep.secret-key to the base64 of 32 random bytes (openssl rand -base64 32) from a secret store,"
                    + " and twostep.secret-key-id to a short name for it");
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

    /** The key's bytes; a value that is no base64 of 32 bytes is named by its setting, never shown. */
    private static byte[] decode(String base64, String setting) {
        try {
            byte[] key = Base64.getDecoder().decode(base64.strip());
            if (key.length != 32) {
                throw new IllegalStateException(setting + ": a key is the base64 of exactly 32 bytes");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + ": a key is the base64 of exactly 32 bytes");
        }
    }

    private static byte[] readKey(Path keyFile) {
        return Base64.getDecoder().decode(KeyFiles.read(keyFile));
    }

    private static void writeNewKey(Path keyFile) {
        KeyFiles.create(keyFile, Base64.getEncoder().encodeToString(SecretCipher.newKey()));
    }
}
