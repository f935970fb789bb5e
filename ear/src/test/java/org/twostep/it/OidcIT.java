package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.twostep.crypto.Digests;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the tests that use TwoStep's OpenID Connect endpoints the way an application's client
 * does: the clients arquillian.xml's properties register, authorization requests, redemptions, and
 * the ID token verified against the JWKS with Nimbus, as a client library would.
 */
abstract class OidcIT extends TwoStepIT {

    /** A confidential client, for every account. */
    static final String APP = "it-app";
    static final String APP_SECRET = "it-app-secret-0123456789abcdefghijklmnop";
    static final String APP_CB = "http://127.0.0.1:1/app/cb";
    /** A public client: PKCE. */
    static final String SPA = "it-spa";
    static final String SPA_CB = "http://127.0.0.1:1/spa/cb";

    /** The reason of the newest OpenID Connect refusal in the audit trail (these tests run one after the other). */
    String lastRefusal() {
        return db.query("select reason from audit_event where type = 'OIDC_REFUSED' order by id desc").get(0).get(0);
    }

    String issuer() {
        String base = base().toString();
        return base.substring(0, base.length() - 1);
    }

    static String authorizeUrl(String clientId, String redirectUri, String scope, String state, String nonce,
                                       String codeVerifier) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", clientId);
        parameters.put("redirect_uri", redirectUri);
        parameters.put("scope", scope);
        parameters.put("state", state);
        if (nonce != null) {
            parameters.put("nonce", nonce);
        }
        if (codeVerifier != null) {
            parameters.put("code_challenge", s256(codeVerifier));
            parameters.put("code_challenge_method", "S256");
        }
        StringBuilder url = new StringBuilder("api/oidc/authorize?");
        parameters.forEach((name, value) -> url.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&'));
        return url.substring(0, url.length() - 1);
    }

    /** A signed-in browser's authorization request, answered with a code at once. */
    String code(Browser browser, String clientId, String redirectUri, String codeVerifier) {
        Map<String, String> answer = query(browser.get(authorizeUrl(clientId, redirectUri, "openid", "s", "n", codeVerifier))
                .location(), redirectUri);
        assertNotNull(answer.get("code"), answer.toString());
        return answer.get("code");
    }

    Browser.Raw redeem(String clientId, String secret, String code, String redirectUri, String verifier, boolean basic) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        if (verifier != null) {
            form.put("code_verifier", verifier);
        }
        String authorization = null;
        if (basic && secret != null) {
            authorization = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        } else {
            form.put("client_id", clientId);
            if (secret != null) {
                form.put("client_secret", secret);
            }
        }
        return browser().postForm("api/oidc/token", form, authorization);
    }

    /** At the challenge page a step-up sent the browser to: the app's next code, then back to the authorization request's answer. */
    Map<String, String> stepUpWithApp(Browser browser, EnrolledUser user, String redirectUri) {
        Browser.Page challenge = browser.open("challenge.xhtml");
        Browser.Raw back = browser.submitWithoutFollowing(challenge, "challenge", Map.of("code", user.app().nextCode()), "verify");
        return query(browser.get(back.location().toString()).location(), redirectUri);
    }

    /** RFC 6749 section 6: the client's refresh request (a public client's without a secret, in the form). */
    Browser.Raw refresh(String clientId, String secret, String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        if (secret == null) {
            form.put("client_id", clientId);
        }
        String authorization = secret == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return browser().postForm("api/oidc/token", form, authorization);
    }

    /** The ID token as a client verifies it: signature by a key of the JWKS, issuer, audience, lifetime. */
    JWTClaimsSet verified(String idToken, String audience) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        JWKSet keys = JWKSet.parse(browser().get("api/oidc/jwks").body());
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
                new ImmutableJWKSet<>(keys)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(issuer()).build(), Set.of("sub", "iat", "exp", "auth_time")));
        assertNotNull(SignedJWT.parse(idToken).getHeader().getKeyID(), "the kid names the key");
        return processor.process(idToken, null);
    }

    /** The parameters of a redirect to the client's redirect URI (which must be exactly the registered one). */
    static Map<String, String> query(URI location, String redirectUri) {
        assertNotNull(location, "a redirect");
        String target = location.toString();
        assertTrue(target.startsWith(redirectUri + "?"), target);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : location.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    static void assertOAuthError(Browser.Raw answer, int status, String error) {
        assertEquals(status, answer.status(), answer.body());
        if (error != null) {
            assertEquals(error, json(answer.body()).get("error").asString());
        }
        assertEquals("no-store", answer.header("Cache-Control"));
    }

    /** RFC 7636 §4.2: BASE64URL(SHA256(verifier)). */
    static String s256(String verifier) {
        return Digests.sha256Base64Url(verifier);
    }

    static JsonNode json(String body) {
        return JsonMapper.shared().readTree(body);
    }

    static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
