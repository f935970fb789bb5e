package org.twostep.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.twostep.config.Settings;
import org.twostep.crypto.KeyFiles;

/**
 * The keys TwoStep signs tokens with, as a JWK set: the first private RSA key signs RS256 (every
 * access token, and the ID tokens of most clients), the first private EC P-256 key, if there is one,
 * signs ES256 (the ID tokens of clients registered for it); the other keys still verify what they
 * signed. {@code twostep.oidc.signing-keys} (a JWK set of private keys, JSON) when configured; else a
 * key file {@code twostep/oidc-signing.jwks} in the data directory, generated at the first start
 * (an RSA and an EC key), owner-only, with a warning.
 *
 * <p>To rotate: put a new key before the old one of its type, keep the old one until every token it
 * signed has expired (5 minutes by default), then drop it.
 *
 * <pre>{@code
 * JWK key = signingKeys.current(JWSAlgorithm.ES256); // sign with it; its kid goes in the JWS header
 * String jwks = signingKeys.publicJwks();           // what the JWKS endpoint serves
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
        keys = parse(settings.oidcSigningKeys().orElseGet(this::fromKeyFile));
        if (first(RSAKey.class) == null) {
            throw new IllegalStateException("the OpenID Connect signing keys must include a private RSA key");
        }
    }

    private String fromKeyFile() {
        Path file = KeyFiles.path(FILE);
        if (!Files.exists(file)) {
            KeyFiles.create(file, new JWKSet(List.of(newKey(), newEcKey())).toString(false));
            log.warning(() -> "No twostep.oidc.signing-keys is configured: generated signing keys for ID tokens in " + file
                    + " (owner-only). Back it up with the database, or configure twostep.oidc.signing-keys.");
            return KeyFiles.read(file);
        }
        JWKSet existing = parse(KeyFiles.read(file));
        if (existing.getKeys().stream().noneMatch(ECKey.class::isInstance)) {
            // A key file from before ES256 was offered: the EC key is added, the RSA keys kept as they are.
            List<JWK> keys = new ArrayList<>(existing.getKeys());
            keys.add(newEcKey());
            KeyFiles.replace(file, new JWKSet(keys).toString(false));
            log.info(() -> "Added an ES256 signing key to " + file);
        }
        return KeyFiles.read(file);
    }

    private static JWKSet parse(String json) {
        try {
            return JWKSet.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("twostep.oidc.signing-keys (or the key file) is not a JWK set", null);
        }
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

    /** A new EC P-256 signing key with a random kid, for ES256. */
    public static ECKey newEcKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an EC key", e);
        }
    }

    /** Whether tokens can be signed with this algorithm: RS256 always, ES256 with an EC key. */
    public boolean offers(JWSAlgorithm algorithm) {
        return JWSAlgorithm.RS256.equals(algorithm) || JWSAlgorithm.ES256.equals(algorithm) && first(ECKey.class) != null;
    }

    /** The key new tokens of this algorithm are signed with (RS256 or ES256, see {@link #offers}). */
    public JWK current(JWSAlgorithm algorithm) {
        JWK key = JWSAlgorithm.ES256.equals(algorithm) ? first(ECKey.class) : first(RSAKey.class);
        if (key == null) {
            throw new IllegalStateException("no signing key for " + algorithm);
        }
        return key;
    }

    /** The first private key of the type (an EC key only on P-256, the curve of ES256). */
    private JWK first(Class<? extends JWK> type) {
        return keys.getKeys().stream().filter(type::isInstance).filter(JWK::isPrivate)
                .filter(key -> !(key instanceof ECKey ec) || Curve.P_256.equals(ec.getCurve()))
                .findFirst().orElse(null);
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
