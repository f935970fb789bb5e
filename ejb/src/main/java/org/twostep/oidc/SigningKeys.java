package org.twostep.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.UUID;
import java.util.logging.Logger;
import org.twostep.config.Settings;
import org.twostep.crypto.KeyFiles;

/**
 * The keys TwoStep signs ID and access tokens with (RS256, 2048 bits), as a JWK set whose first key
 * is the current one; the others still verify what they signed. {@code twostep.oidc.signing-keys}
 * (a JWK set of private keys, JSON) when configured; else a key file {@code twostep/oidc-signing.jwks}
 * in the data directory, generated at the first start, owner-only, with a warning.
 *
 * <p>To rotate: put a new key first in the set, keep the old one after it until every token it
 * signed has expired (5 minutes), then drop it.
 *
 * <pre>{@code
 * RSAKey key = signingKeys.current();            // sign with it; its kid goes in the JWS header
 * String jwks = signingKeys.publicJwks();        // what the JWKS endpoint serves
 * }</pre>
 */
@ApplicationScoped
public class SigningKeys {

    static final String FILE = "oidc-signing.jwks";

    @Inject
    Settings settings;

    @Inject
    Logger log;

    private JWKSet keys;

    @PostConstruct
    void load() {
        String json = settings.oidcSigningKeys().orElseGet(this::fromKeyFile);
        try {
            keys = JWKSet.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("twostep.oidc.signing-keys (or the key file) is not a JWK set", null);
        }
        if (keys.getKeys().isEmpty() || !(keys.getKeys().get(0) instanceof RSAKey first) || !first.isPrivate()) {
            throw new IllegalStateException("the first OpenID Connect signing key must be a private RSA key");
        }
    }

    private String fromKeyFile() {
        Path file = KeyFiles.path(FILE);
        if (!Files.exists(file)) {
            KeyFiles.create(file, new JWKSet(newKey()).toString(false));
            log.warning(() -> "No twostep.oidc.signing-keys is configured: generated a signing key for ID tokens in " + file
                    + " (owner-only). Back it up with the database, or configure twostep.oidc.signing-keys.");
        }
        return KeyFiles.read(file);
    }

    /** A new RSA signing key with a random kid: what a rotation puts first. */
    public static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    /** The key new tokens are signed with. */
    public RSAKey current() {
        return (RSAKey) keys.getKeys().get(0);
    }

    /** The public halves of every key, as the JWKS endpoint serves them. */
    public String publicJwks() {
        return keys.toPublicJWKSet().toString(true);
    }

    /** Every key, public halves only: what verifies a token TwoStep issued. */
    public JWKSet verificationKeys() {
        return keys.toPublicJWKSet();
    }
}
