package org.twostep.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.twostep.audit.Method;
import org.twostep.config.Settings;
import org.twostep.crypto.Digests;
import org.twostep.refusal.Reason;

/**
 * The tokens an application gets, signed with a current {@link SigningKeys} key (its {@code kid} in
 * the header; RS256, or ES256 for the ID and logout tokens of a client registered for it), by Nimbus: the ID token (OpenID Connect Core §2) and an access token,
 * a JWT too, that carries the caller's groups as {@code roles} (what WildFly's OIDC client maps to
 * roles) and {@code groups} (what Jakarta Security's OpenID mechanism reads), and that the userinfo
 * endpoint accepts.
 *
 * <pre>{@code
 * String idToken = tokens.idToken(issuer, grant, person, JWSAlgorithm.RS256);
 * JWTClaimsSet claims = tokens.verifyAccessToken(issuer, accessToken); // or an OidcException
 * }</pre>
 */
@ApplicationScoped
public class Tokens {

    @Inject
    SigningKeys keys;

    @Inject
    Settings settings;

    @Inject
    Clock clock;

    /** Who a token is about, as its claims tell it. */
    public record Person(String subject, String username, String name, String email, Set<String> groups) {
    }

    /**
     * What the tokens grant: to which client, when and how the second factor was proven, in which
     * TwoStep session ({@code sid}), under which grant ({@code tokenId}, the access token's {@code jti});
     * {@code nonce} only in the ID token of a code's redemption (OpenID Connect Core §12.2).
     */
    public record Grant(String clientId, String nonce, String scope, Instant authTime, Method method, String tokenId,
                        String sid) {
    }

    /** Back-Channel Logout 1.0 §2.6: the event a logout token carries. */
    static final String BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

    /** How long a logout token is valid: it is sent at once. */
    static final Duration LOGOUT_TOKEN_LIFETIME = Duration.ofMinutes(2);

    /** The ID token, signed with {@code algorithm} (RS256, or ES256 for a client registered for it). */
    public String idToken(String issuer, Grant grant, Person person, JWSAlgorithm algorithm) {
        JWTClaimsSet.Builder claims = common(issuer, grant, person)
                .claim("acr", Assurance.acr(grant.method()))
                .claim("amr", Assurance.amr(grant.method()))
                .claim("azp", grant.clientId());
        if (grant.nonce() != null) {
            claims.claim("nonce", grant.nonce());
        }
        if (grant.sid() != null) {
            claims.claim("sid", grant.sid()); // Front-/Back-Channel Logout 1.0: the session, as logout tokens name it
        }
        profile(claims, grant.scope(), person);
        return sign(claims.build(), JOSEObjectType.JWT, algorithm);
    }

    public String accessToken(String issuer, Grant grant, Person person) {
        JWTClaimsSet.Builder claims = common(issuer, grant, person)
                .jwtID(grant.tokenId())
                .claim("client_id", grant.clientId())
                .claim("scope", grant.scope())
                .claim("roles", List.copyOf(person.groups()));
        // RFC 9068 §2.1: an access token says so in its type.
        return sign(claims.build(), new JOSEObjectType("at+jwt"), JWSAlgorithm.RS256);
    }

    /**
     * Back-Channel Logout 1.0 §2.4: tells a client that the TwoStep session {@code sid} of {@code subject}
     * ended; never a {@code nonce}, always the logout event, typed {@code logout+jwt}, signed as the
     * client's ID tokens are.
     */
    public String logoutToken(String issuer, String clientId, String subject, String sid, JWSAlgorithm algorithm) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(clientId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LOGOUT_TOKEN_LIFETIME)))
                .jwtID(Digests.randomBase64Url(16))
                .claim("sid", sid)
                .claim("events", Map.of(BACKCHANNEL_LOGOUT_EVENT, Map.of()))
                .build();
        return sign(claims, new JOSEObjectType("logout+jwt"), algorithm);
    }

    /** What both tokens say: who, for whom, by whom, how long, and when the second factor was proven. */
    private JWTClaimsSet.Builder common(String issuer, Grant grant, Person person) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(person.subject())
                .audience(grant.clientId())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(settings.oidcTokenLifetime())))
                .claim("auth_time", grant.authTime().getEpochSecond())
                .claim("preferred_username", person.username())
                .claim("groups", List.copyOf(person.groups()));
    }

    /** The claims of an access token TwoStep issued, if its signature, issuer, type and lifetime hold. */
    public JWTClaimsSet verifyAccessToken(String issuer, String token) {
        DefaultJWTProcessor<SecurityContext> processor = signedByTwoStep();
        processor.setJWSTypeVerifier((type, context) -> {
            if (!new JOSEObjectType("at+jwt").equals(type)) {
                throw new BadJOSEException("not an access token");
            }
        });
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of("sub", "exp", "iat", "jti")));
        try {
            return processor.process(token, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new OidcException("invalid_token", Reason.OIDC_INVALID_REQUEST,
                    "the access token is not valid");
        }
    }

    /**
     * The claims of an ID token TwoStep issued, signature and issuer checked, its lifetime not: what an
     * {@code id_token_hint} is (RP-Initiated Logout 1.0 §2), or null when it is none of TwoStep's.
     */
    public JWTClaimsSet idTokenHint(String issuer, String token) {
        DefaultJWTProcessor<SecurityContext> processor = signedByTwoStep();
        processor.setJWTClaimsSetVerifier((claims, context) -> {
            if (!issuer.equals(claims.getIssuer()) || claims.getAudience().size() != 1) {
                throw new BadJWTException("not an ID token of this issuer");
            }
        });
        try {
            return processor.process(token, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            return null;
        }
    }

    /** A processor that accepts RS256 and ES256 signatures by any of TwoStep's keys, current or kept after a rotation. */
    private DefaultJWTProcessor<SecurityContext> signedByTwoStep() {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
                new ImmutableJWKSet<>(keys.verificationKeys())));
        return processor;
    }

    /** OpenID Connect Core §5.4: {@code profile} and {@code email} scopes ask for these claims. */
    static void profile(JWTClaimsSet.Builder claims, String scope, Person person) {
        List<String> scopes = List.of(scope.split(" "));
        if (scopes.contains("profile")) {
            claims.claim("name", person.name());
        }
        if (scopes.contains("email") && person.email() != null) {
            claims.claim("email", person.email());
        }
    }

    private String sign(JWTClaimsSet claims, JOSEObjectType type, JWSAlgorithm algorithm) {
        JWK key = keys.current(algorithm);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).type(type).build(), claims);
        try {
            jwt.sign(key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner(key.toRSAKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }
}
