package org.twostep.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.validators.LogoutTokenValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.twostep.audit.Method;
import org.twostep.config.Settings;

/** Tokens signed with the current key of a JWK set; after a rotation the old ones still verify, the new ones name the new key. */
class TokensTest {

    private static final String ISSUER = "https://login.example.com/twostep";
    private static final Tokens.Person ALICE = new Tokens.Person("7c1e", "alice", "Alice", "alice@example.com", Set.of("user"));
    private static final Tokens.Grant GRANT = new Tokens.Grant("app", "n-1", "openid email", Instant.parse("2026-12-01T09:00:00Z"),
            Method.PASSKEY, "jti-1", "sid-1");

    private final Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);

    @Test
    void afterARotationOldTokensStillVerifyAndNewOnesNameTheNewKey() throws Exception {
        var first = SigningKeys.newKey();
        Tokens before = tokens(new JWKSet(first));
        String oldAccess = before.accessToken(ISSUER, GRANT, ALICE);

        var second = SigningKeys.newKey();
        Tokens after = tokens(new JWKSet(List.of(second, first))); // the new key first, the old one kept
        assertEquals("jti-1", after.verifyAccessToken(ISSUER, oldAccess).getJWTID(), "signed by the old key, still valid");
        String newId = after.idToken(ISSUER, GRANT, ALICE, JWSAlgorithm.RS256);
        assertEquals(second.getKeyID(), SignedJWT.parse(newId).getHeader().getKeyID());
        assertNotEquals(first.getKeyID(), second.getKeyID());

        Tokens dropped = tokens(new JWKSet(second)); // the old key gone
        assertThrows(OidcException.class, () -> dropped.verifyAccessToken(ISSUER, oldAccess));
    }

    @Test
    void theIdTokenTellsHowTheSecondFactorWasProven() throws Exception {
        var claims = SignedJWT.parse(tokens(new JWKSet(SigningKeys.newKey())).idToken(ISSUER, GRANT, ALICE, JWSAlgorithm.RS256)).getJWTClaimsSet();
        assertEquals("phr", claims.getStringClaim("acr"), "a passkey is phishing-resistant");
        assertEquals(List.of("hwk", "user", "mfa"), claims.getStringListClaim("amr"));
        assertEquals(GRANT.authTime().getEpochSecond(), claims.getLongClaim("auth_time"));
        assertEquals("alice@example.com", claims.getStringClaim("email"), "scope email");
        assertEquals(null, claims.getStringClaim("name"), "no profile scope");
        assertEquals(List.of("app"), claims.getAudience());
        assertEquals("sid-1", claims.getStringClaim("sid"), "the TwoStep session, as logout tokens name it");
    }

    @Test
    void aLogoutTokenPassesAClientsBackChannelLogoutValidation() throws Exception {
        var key = SigningKeys.newKey();
        String token = tokens(new JWKSet(key)).logoutToken(ISSUER, "app", "7c1e", "sid-1", JWSAlgorithm.RS256);
        var validator = new LogoutTokenValidator(new Issuer(ISSUER), new ClientID("app"), JWSAlgorithm.RS256,
                new JWKSet(key.toPublicJWK()));
        var claims = validator.validate(JWTParser.parse(token));
        assertEquals("sid-1", claims.getSessionID().getValue());
        assertEquals("7c1e", claims.getSubject().getValue());
        assertEquals(null, claims.getClaim("nonce"), "a logout token never has a nonce (Back-Channel Logout 1.0 section 2.4)");
        assertEquals("logout+jwt", SignedJWT.parse(token).getHeader().getType().getType());
        assertThrows(Exception.class, () -> new LogoutTokenValidator(new Issuer(ISSUER), new ClientID("other-app"),
                JWSAlgorithm.RS256, new JWKSet(key.toPublicJWK())).validate(JWTParser.parse(token)), "for app only");
    }

    @Test
    void aClientRegisteredForEs256GetsIdTokensAClientVerifiesWithTheEcKeyOfTheJwks() throws Exception {
        var rsa = SigningKeys.newKey();
        var ec = SigningKeys.newEcKey();
        Tokens tokens = tokens(new JWKSet(List.of(rsa, ec)));
        String id = tokens.idToken(ISSUER, GRANT, ALICE, JWSAlgorithm.ES256);
        assertEquals(JWSAlgorithm.ES256, SignedJWT.parse(id).getHeader().getAlgorithm());
        assertEquals(ec.getKeyID(), SignedJWT.parse(id).getHeader().getKeyID());
        var published = new JWKSet(List.of(rsa, ec)).toPublicJWKSet(); // what the JWKS endpoint serves
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                new ImmutableJWKSet<>(published)));
        assertEquals("7c1e", processor.process(id, null).getSubject());
        assertEquals("jti-1", tokens.verifyAccessToken(ISSUER, tokens.accessToken(ISSUER, GRANT, ALICE)).getJWTID(),
                "access tokens stay RS256");
        assertThrows(IllegalStateException.class, () -> tokens(new JWKSet(rsa)).idToken(ISSUER, GRANT, ALICE, JWSAlgorithm.ES256),
                "no EC key, no ES256");
    }

    @Test
    void anIdTokenIsNoAccessToken() {
        Tokens tokens = tokens(new JWKSet(SigningKeys.newKey()));
        String id = tokens.idToken(ISSUER, GRANT, ALICE, JWSAlgorithm.RS256);
        assertThrows(OidcException.class, () -> tokens.verifyAccessToken(ISSUER, id), "typ at+jwt is required");
        assertThrows(OidcException.class, () -> tokens.verifyAccessToken("https://evil.example", tokens.accessToken(ISSUER, GRANT, ALICE)));
    }

    private Tokens tokens(JWKSet keys) {
        SigningKeys signingKeys = new SigningKeys();
        signingKeys.settings = new Settings() {
            @Override
            public Optional<String> oidcSigningKeys() {
                return Optional.of(keys.toString(false));
            }

            @Override
            public Duration oidcTokenLifetime() {
                return Duration.ofMinutes(5);
            }
        };
        signingKeys.log = Logger.getLogger(TokensTest.class.getName());
        signingKeys.load();
        Tokens tokens = new Tokens();
        tokens.keys = signingKeys;
        tokens.settings = signingKeys.settings;
        tokens.clock = clock;
        return tokens;
    }
}
