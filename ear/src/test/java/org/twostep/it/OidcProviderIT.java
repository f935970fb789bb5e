package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * TwoStep as an OpenID Connect provider, driven over HTTP as an application's client and a browser
 * would: discovery, the code flow through the two-step login, the ID token verified with the JWKS
 * (Nimbus, as a client library), userinfo; and the refusals: unknown client and unregistered
 * redirect URIs (an error page, never a redirect), replayed, foreign and expired codes, wrong secrets
 * and PKCE verifiers, prompt=none without a session, concurrent redemptions of one code. The clients
 * are registered by arquillian.xml's properties.
 */
class OidcProviderIT extends OidcIT {

    @Test
    void discoveryNamesTheEndpointsAndTheJwksHoldsOnlyPublicKeys() throws Exception {
        JsonNode metadata = json(browser().get(".well-known/openid-configuration").body());
        assertEquals(issuer(), metadata.get("issuer").asString());
        assertEquals(issuer() + "/api/oidc/token", metadata.get("token_endpoint").asString());
        assertEquals(List.of("code"), strings(metadata.get("response_types_supported")));
        assertEquals(List.of("S256"), strings(metadata.get("code_challenge_methods_supported")));

        assertEquals(List.of("RS256", "ES256"), strings(metadata.get("id_token_signing_alg_values_supported")));
        assertEquals(List.of("authorization_code", "refresh_token"), strings(metadata.get("grant_types_supported")));
        assertTrue(metadata.get("backchannel_logout_supported").asBoolean());

        JWKSet keys = JWKSet.parse(browser().get(metadata.get("jwks_uri").asString()).body());
        assertEquals(Set.of(KeyType.RSA, KeyType.EC), keys.getKeys().stream().map(JWK::getKeyType).collect(Collectors.toSet()));
        for (JWK key : keys.getKeys()) {
            assertNotNull(key.getKeyID());
            assertEquals("sig", key.getKeyUse().identifier(), "WildFly's OIDC client only takes keys for signatures");
            assertFalse(key.isPrivate(), "no private part is published");
        }
    }

    @Test
    void aClientRegisteredForEs256GetsIdTokensSignedSo() throws Exception {
        Browser browser = signedIn(enrolledUser("es256"));
        String verifier = "e".repeat(43);
        String idToken = json(redeem(SPA, null, code(browser, SPA, SPA_CB, verifier), SPA_CB, verifier, false).body())
                .get("id_token").asString();
        assertEquals(JWSAlgorithm.ES256, SignedJWT.parse(idToken).getHeader().getAlgorithm());
        assertEquals("mfa", verified(idToken, SPA).getStringClaim("acr"), "verified with the JWKS's EC key");
    }

    @Test
    void theCodeFlowGoesThroughBothStepsAndItsIdTokenVerifies() throws Exception {
        EnrolledUser user = enrolledUser("oidc");
        Browser browser = browser();
        String nonce = UUID.randomUUID().toString();
        String authorize = authorizeUrl(APP, APP_CB, "openid profile", "state-1", nonce, null);

        Browser.Raw toLogin = browser.get(authorize);
        assertEquals(303, toLogin.status());
        assertEquals("/twostep/login.xhtml", toLogin.location().getPath(), "no session: the two-step login first");
        Browser.Page challenge = signInWithPassword(browser, user.username(), PASSWORD);
        Browser.Raw back = browser.submitWithoutFollowing(challenge, "challenge", Map.of("code", user.app().nextCode()), "verify");
        assertTrue(back.location().toString().contains("/api/oidc/authorize?"), "back to the authorization request");

        Map<String, String> answer = query(browser.get(back.location().toString()).location(), APP_CB);
        assertEquals("state-1", answer.get("state"));
        assertEquals(issuer(), answer.get("iss"), "RFC 9207");
        JsonNode tokens = json(redeem(APP, APP_SECRET, answer.get("code"), APP_CB, null, true).body());
        assertEquals("Bearer", tokens.get("token_type").asString());

        JWTClaimsSet id = verified(tokens.get("id_token").asString(), APP);
        assertEquals(nonce, id.getStringClaim("nonce"));
        assertEquals(user.username(), id.getStringClaim("preferred_username"));
        assertEquals("Test " + user.username(), id.getStringClaim("name"), "scope profile");
        assertTrue(id.getStringListClaim("groups").contains("user"));
        assertEquals("mfa", id.getStringClaim("acr"));
        assertEquals(List.of("pwd", "otp", "mfa"), id.getStringListClaim("amr"));
        assertNotEquals(user.username(), id.getSubject(), "the subject is not the username");
        long authTime = id.getLongClaim("auth_time");
        assertTrue(Math.abs(Instant.now().getEpochSecond() - authTime) < 60, "auth_time is when the second factor was proven");
        assertEquals(tokens.get("expires_in").asLong(), (id.getExpirationTime().getTime() - id.getIssueTime().getTime()) / 1000,
                "twostep.oidc.token-lifetime: 15 seconds in these tests, 5 minutes by default");
        assertNotNull(tokens.get("refresh_token"));
        assertNotNull(id.getStringClaim("sid"));

        Browser.Raw info = browser().getWith("api/oidc/userinfo", "Bearer " + tokens.get("access_token").asString());
        assertEquals(200, info.status(), info.body());
        assertEquals(id.getSubject(), json(info.body()).get("sub").asString());

        // Single sign-on: signed in already, the next authorization request is answered with a code at once.
        Map<String, String> again = query(browser.get(authorizeUrl(APP, APP_CB, "openid", "state-2", null, null)).location(), APP_CB);
        assertNotNull(again.get("code"));
        assertEquals(1, db.auditOfType(user.username(), "OIDC_TOKEN_ISSUED").size());
        assertEquals(2, db.auditOfType(user.username(), "OIDC_CODE_ISSUED").size());
    }

    @Test
    void aReplayedCodeIsRefusedAndRevokesWhatTheFirstRedemptionGot() throws Exception {
        Browser browser = signedIn(enrolledUser("replay"));
        String code = code(browser, APP, APP_CB, null);
        JsonNode first = json(redeem(APP, APP_SECRET, code, APP_CB, null, true).body());
        String accessToken = first.get("access_token").asString();
        assertEquals(200, browser().getWith("api/oidc/userinfo", "Bearer " + accessToken).status());

        Browser.Raw replay = redeem(APP, APP_SECRET, code, APP_CB, null, true);
        assertOAuthError(replay, 400, "invalid_grant");
        assertEquals("OIDC_CODE_REPLAYED", lastRefusal());
        assertEquals(401, browser().getWith("api/oidc/userinfo", "Bearer " + accessToken).status(), "revoked");
    }

    @Test
    void aRefreshTokenWorksOnceAndItsSecondUseRevokesTheGrant() throws Exception {
        Browser browser = signedIn(enrolledUser("refresh"));
        JsonNode first = json(redeem(APP, APP_SECRET, code(browser, APP, APP_CB, null), APP_CB, null, true).body());
        JWTClaimsSet signIn = verified(first.get("id_token").asString(), APP);

        Browser.Raw refreshed = refresh(APP, APP_SECRET, first.get("refresh_token").asString());
        assertEquals(200, refreshed.status(), refreshed.body());
        JsonNode second = json(refreshed.body());
        JWTClaimsSet renewed = verified(second.get("id_token").asString(), APP);
        assertEquals(signIn.getLongClaim("auth_time"), renewed.getLongClaim("auth_time"), "the original sign-in's auth_time");
        assertEquals(signIn.getStringClaim("sid"), renewed.getStringClaim("sid"));
        assertEquals(signIn.getSubject(), renewed.getSubject());
        assertEquals(signIn.getStringClaim("acr"), renewed.getStringClaim("acr"));
        assertNull(renewed.getStringClaim("nonce"), "OpenID Connect Core 12.2: no nonce on refresh");
        assertNotEquals(first.get("refresh_token").asString(), second.get("refresh_token").asString(), "rotated");
        assertEquals(200, browser.getWith("api/oidc/userinfo", "Bearer " + second.get("access_token").asString()).status());

        assertOAuthError(refresh(SPA, null, second.get("refresh_token").asString()), 400, "invalid_grant");
        assertEquals("OIDC_CODE_MISMATCH", lastRefusal(), "another client's refresh token");

        assertOAuthError(refresh(APP, APP_SECRET, first.get("refresh_token").asString()), 400, "invalid_grant");
        assertEquals("OIDC_REFRESH_TOKEN_REPLAYED", lastRefusal());
        assertOAuthError(refresh(APP, APP_SECRET, second.get("refresh_token").asString()), 400, "invalid_grant");
        assertEquals("OIDC_REFRESH_TOKEN_INVALID", lastRefusal(), "the whole grant is revoked");
        assertEquals(401, browser.getWith("api/oidc/userinfo", "Bearer " + second.get("access_token").asString()).status());
        assertOAuthError(refresh(APP, APP_SECRET, "x".repeat(43)), 400, "invalid_grant");
    }

    @Test
    void twentyConcurrentUsesOfOneRefreshTokenGiveTokensOnce() throws Exception {
        Browser browser = signedIn(enrolledUser("refreshrace"));
        String refreshToken = json(redeem(SPA, null, code(browser, SPA, SPA_CB, "v".repeat(43)), SPA_CB, "v".repeat(43), false)
                .body()).get("refresh_token").asString();
        List<Callable<Browser.Raw>> uses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            uses.add(() -> refresh(SPA, null, refreshToken));
        }
        long refusedBefore = refusalsAudited("OIDC_REFRESH_TOKEN_REPLAYED");
        List<Integer> statuses = Race.of(uses).stream().map(Browser.Raw::status).toList();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 400), statuses.toString());
        assertEquals(refusedBefore + 19, refusalsAudited("OIDC_REFRESH_TOKEN_REPLAYED"), "every refused use is audited");
    }

    @Test
    void aCodeIsBoundToItsClientRedirectUriAndPkceVerifier() throws Exception {
        Browser browser = signedIn(enrolledUser("bound"));
        String code = code(browser, APP, APP_CB, null);
        assertOAuthError(redeem(APP, APP_SECRET, code, "http://127.0.0.1:1/app/other", null, true), 400, "invalid_grant");
        assertEquals("OIDC_CODE_MISMATCH", lastRefusal());
        assertOAuthError(redeem(SPA, null, code, APP_CB, null, false), 400, "invalid_grant");
        assertEquals("OIDC_CODE_MISMATCH", lastRefusal());
        assertOAuthError(redeem(APP, "wrong-" + APP_SECRET, code, APP_CB, null, true), 401, "invalid_client");
        assertEquals("OIDC_CLIENT_AUTH_FAILED", lastRefusal());
        assertOAuthError(redeem(APP, APP_SECRET, code, APP_CB, null, false), 200, null); // client_secret_post works too

        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(UUID.randomUUID().toString().repeat(2).getBytes());
        String pkceCode = code(browser, SPA, SPA_CB, verifier);
        assertOAuthError(redeem(SPA, null, pkceCode, SPA_CB, verifier + "x", false), 400, "invalid_grant");
        assertEquals("OIDC_PKCE_MISMATCH", lastRefusal());
        assertOAuthError(redeem(SPA, null, pkceCode, SPA_CB, verifier, false), 200, null);
    }

    @Test
    void aCodeOlderThanSixtySecondsIsRefused() {
        Browser browser = signedIn(enrolledUser("late"));
        String code = code(browser, APP, APP_CB, null);
        // Its minute passed (the server's clock is real: the row is aged instead of waiting).
        assertTrue(db.update("update oidc_code set expires_at = dateadd('SECOND', -1, current_timestamp)"
                + " where state = 'ISSUED'") >= 1);
        assertOAuthError(redeem(APP, APP_SECRET, code, APP_CB, null, true), 400, "invalid_grant");
        assertEquals("OIDC_CODE_EXPIRED", lastRefusal());
    }

    @Test
    void aPublicClientWithoutPkceAndPromptNoneWithoutASessionGoBackWithAnError() {
        Browser signedIn = signedIn(enrolledUser("nopkce"));
        Map<String, String> noPkce = query(signedIn.get(authorizeUrl(SPA, SPA_CB, "openid", "s", null, null)).location(), SPA_CB);
        assertEquals("invalid_request", noPkce.get("error"));
        assertEquals("s", noPkce.get("state"));
        assertEquals("OIDC_PKCE_MISMATCH", lastRefusal());

        Map<String, String> none = query(browser().get(authorizeUrl(APP, APP_CB, "openid", "s2", null, null) + "&prompt=none")
                .location(), APP_CB);
        assertEquals("login_required", none.get("error"), "no page shown");
        assertEquals("OIDC_LOGIN_REQUIRED", lastRefusal());
        assertEquals("s2", none.get("state"));
    }

    @Test
    void maxAgeAsksForTheSecondFactorOnlyAndTheTokenTellsTheNewAuthTime() throws Exception {
        EnrolledUser user = enrolledUser("maxage");
        Browser browser = signedIn(user);
        int passwordSteps = db.auditOfType(user.username(), "FIRST_FACTOR_OK").size();
        Instant before = Instant.now().minusSeconds(1);

        Browser.Raw toChallenge = browser.get(authorizeUrl(APP, APP_CB, "openid", "s", "n", null) + "&max_age=0");
        assertEquals(303, toChallenge.status());
        assertEquals("/twostep/challenge.xhtml", toChallenge.location().getPath(), "the second factor only, not the password");
        Map<String, String> answer = stepUpWithApp(browser, user, APP_CB);

        JWTClaimsSet id = verified(json(redeem(APP, APP_SECRET, answer.get("code"), APP_CB, null, true).body())
                .get("id_token").asString(), APP);
        assertTrue(id.getLongClaim("auth_time") >= before.getEpochSecond(), "auth_time is the step-up's");
        assertEquals(passwordSteps, db.auditOfType(user.username(), "FIRST_FACTOR_OK").size());
        assertEquals(1, db.auditOfType(user.username(), "STEP_UP_OK").size());
    }

    @Test
    void aPhishingResistantFactorAskedOfAUserWithOnlyAnAppIsRefusedCleanly() {
        Browser browser = signedIn(enrolledUser("phr"));
        Browser.Raw page = browser.get(authorizeUrl(APP, APP_CB, "openid", "s", "n", null) + "&acr_values=phr");
        assertEquals(403, page.status(), "a page at TwoStep says why");
        Map<String, String> answer = query(URI.create(Jsoup.parse(page.body()).getElementById("backToApplication").attr("href")),
                APP_CB);
        assertEquals("unmet_authentication_requirements", answer.get("error"));
        assertEquals("s", answer.get("state"));
        assertEquals("OIDC_UNMET_ACR", lastRefusal());
        Map<String, String> quiet = query(browser.get(authorizeUrl(APP, APP_CB, "openid", "s", "n", null)
                + "&acr_values=phr&prompt=none").location(), APP_CB);
        assertEquals("unmet_authentication_requirements", quiet.get("error"), "prompt=none: no page");
        Map<String, String> malformed = query(browser.get(authorizeUrl(APP, APP_CB, "openid", "s", "n", null)
                + "&max_age=soon").location(), APP_CB);
        assertEquals("invalid_request", malformed.get("error"));
        assertEquals("OIDC_INVALID_REQUEST", lastRefusal());
    }

    @Test
    void anotherUsersIdTokenAsALogoutHintSignsNobodyOut() throws Exception {
        Browser attacker = signedIn(enrolledUser("attacker"));
        String hint = json(redeem(APP, APP_SECRET, code(attacker, APP, APP_CB, null), APP_CB, null, true).body())
                .get("id_token").asString();
        EnrolledUser victim = enrolledUser("victim");
        Browser browser = signedIn(victim);
        Browser.Raw link = browser.get("api/oidc/logout?id_token_hint=" + URLEncoder.encode(hint, StandardCharsets.UTF_8));
        assertEquals("/twostep/home.xhtml", link.location().getPath(), "not confirmed: TwoStep's own page decides");
        assertEquals(victim.username(), browser.open("home.xhtml").textOf("username"), "still signed in");
    }

    @Test
    void stateComesBackUnchangedScopesAreWhatTwoStepGrantsAndHostileValuesGetNoServerError() throws Exception {
        Browser browser = signedIn(enrolledUser("hostile"));
        for (String state : List.of("{x}", "a%2Fb", "a&b=c", "ünïcödé 😀")) {
            Map<String, String> answer = query(browser.get(authorizeUrl(APP, APP_CB, "openid", state, "n", null)).location(), APP_CB);
            assertEquals(state, answer.get("state"));
        }
        String code = query(browser.get(authorizeUrl(APP, APP_CB, "openid admin " + "x".repeat(600), "s", "n", null)).location(),
                APP_CB).get("code");
        assertEquals("openid", json(redeem(APP, APP_SECRET, code, APP_CB, null, true).body()).get("scope").asString());

        Browser.Raw emoji = browser.get(authorizeUrl("😀", APP_CB, "openid", "s", null, null));
        assertEquals(400, emoji.status(), emoji.body());
        assertOAuthError(browser.postForm("api/oidc/token", Map.of("grant_type", "authorization_code", "client_id", "😀",
                "code", "x"), null), 401, "invalid_client");
        assertOAuthError(browser.postForm("api/oidc/token", Map.of("grant_type", "authorization_code"), "Basic %%%"), 401,
                "invalid_client");
        assertEquals("OIDC_CLIENT_AUTH_FAILED", lastRefusal(), "audited at the door too");
    }

    @Test
    void aVerifierForACodeIssuedWithoutAChallengeIsRefused() {
        String code = code(signedIn(enrolledUser("downgrade")), APP, APP_CB, null);
        assertOAuthError(redeem(APP, APP_SECRET, code, APP_CB, "a".repeat(43), true), 400, "invalid_grant");
        assertEquals("OIDC_PKCE_MISMATCH", lastRefusal());
    }

    @Test
    void promptNoneNeverShowsAPageNotEvenForAStepUp() {
        Browser browser = signedIn(enrolledUser("quiet"));
        Map<String, String> answer = query(browser.get(authorizeUrl(APP, APP_CB, "openid", "s", "n", null)
                + "&max_age=0&prompt=none").location(), APP_CB);
        assertEquals("interaction_required", answer.get("error"));
        assertEquals("OIDC_LOGIN_REQUIRED", lastRefusal());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:1/app/cb/", "http://127.0.0.1:1/app/cb?x=1", "http://127.0.0.1:2/app/cb",
        "https://127.0.0.1:1/app/cb", "http://127.0.0.1:1/app/CB", "http://127.0.0.1:1/app/cb#f",
        "http://evil@127.0.0.1:1/app/cb", "http://127.0.0.1:1/app%2Fcb", "http://127.0.0.1:1.evil.example/app/cb",
        "http://127.0.0.1:1/app/cb/../cb", ""})
    void aRedirectUriThatIsNotRegisteredToTheLetterGetsAnErrorPageAndNoRedirect(String redirectUri) {
        Browser.Raw answer = signedIn(enrolledUser("neighbour")).get(authorizeUrl(APP, redirectUri, "openid", "s", null, null));
        assertEquals(400, answer.status());
        assertNull(answer.location(), "never redirected");
        assertTrue(answer.body().contains("has not registered"), answer.body());
        assertEquals("OIDC_REDIRECT_URI_MISMATCH", lastRefusal());
        assertFalse(answer.body().contains("Exception"));
    }

    @Test
    void anUnknownClientGetsAnErrorPageAndIsAudited() {
        Browser.Raw answer = browser().get(authorizeUrl("no-such-client", APP_CB, "openid", "s", null, null));
        assertEquals(400, answer.status());
        assertNull(answer.location());
        assertTrue(answer.body().contains("not registered with TwoStep"), answer.body());
        assertTrue(db.query("select count(*) from audit_event where type = 'OIDC_REFUSED' and reason = 'OIDC_UNKNOWN_CLIENT'"
                + " and detail like 'client=no-such-client%'").get(0).getLong(0) > 0);
    }

    @Test
    void twentyConcurrentRedemptionsOfOneCodeGiveTokensOnce() throws Exception {
        String code = code(signedIn(enrolledUser("race")), APP, APP_CB, null);
        long replaysBefore = refusalsAudited("OIDC_CODE_REPLAYED");
        List<Callable<Browser.Raw>> redemptions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            redemptions.add(() -> redeem(APP, APP_SECRET, code, APP_CB, null, true));
        }
        List<Integer> statuses = Race.of(redemptions).stream().map(Browser.Raw::status).toList();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 400), statuses.toString());
        assertEquals(replaysBefore + 19, refusalsAudited("OIDC_CODE_REPLAYED"), "every refused redemption is audited");
    }

    private long refusalsAudited(String reason) {
        return db.query("select count(*) from audit_event where type = 'OIDC_REFUSED' and reason = ?", reason).get(0).getLong(0);
    }

    private static void assertNotEquals(Object unexpected, Object actual, String message) {
        org.junit.jupiter.api.Assertions.assertNotEquals(unexpected, actual, message);
    }
}
