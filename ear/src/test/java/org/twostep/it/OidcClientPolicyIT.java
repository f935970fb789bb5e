package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twostep.webauthn.EmulatedBrowser.requestOptions;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.twostep.webauthn.EmulatedBrowser.Key;

/**
 * What a client's registration and an authorization request may ask of a sign-in, over HTTP: a client
 * for one group (others get a page at TwoStep saying they have no access), a client that takes only
 * security keys and passkeys (the step-up offers nothing else; a user without a key is told so), a
 * client's own max-age, {@code prompt=login}, and requests sent as forms.
 */
class OidcClientPolicyIT extends OidcIT {

    private static final String ADMINS = "it-admins";
    private static final String ADMINS_SECRET = "it-admins-secret-0123456789abcdefghijk";
    private static final String ADMINS_CB = "http://127.0.0.1:1/admins/cb";
    private static final String KEYS = "it-keys";
    private static final String KEYS_SECRET = "it-keys-secret-0123456789abcdefghijklmn";
    private static final String KEYS_CB = "http://127.0.0.1:1/keys/cb";
    private static final String RECENT = "it-recent";
    private static final String RECENT_SECRET = "it-recent-secret-0123456789abcdefghijk";
    private static final String RECENT_CB = "http://127.0.0.1:1/recent/cb";

    @Test
    void aClientForOneGroupShowsOthersANoAccessPageAndLetsMembersIn() throws Exception {
        EnrolledUser outsider = enrolledUser("outsider");
        Browser browser = signedIn(outsider);
        Browser.Raw refused = browser.get(authorizeUrl(ADMINS, ADMINS_CB, "openid", "s-1", "n", null));
        assertEquals(403, refused.status(), refused.body());
        assertNull(refused.location(), "a page at TwoStep, not a redirect");
        Document page = Jsoup.parse(refused.body());
        assertEquals("You have no access to this application. Ask its administrator if you need it.",
                page.getElementById("refusal").text());
        assertEquals("OIDC_NO_ACCESS", lastRefusal());
        assertEquals("client=it-admins; access_denied", db.lastOfType(outsider.username(), "OIDC_REFUSED").detail(),
                "audited for the account, with the client");
        Map<String, String> back = query(URI.create(page.getElementById("backToApplication").attr("href")), ADMINS_CB);
        assertEquals("access_denied", back.get("error"), "the link takes the refusal back to the application");
        assertEquals("s-1", back.get("state"));
        assertNull(back.get("code"));

        Map<String, String> quiet = query(browser.get(authorizeUrl(ADMINS, ADMINS_CB, "openid", "s-2", "n", null)
                + "&prompt=none").location(), ADMINS_CB);
        assertEquals("access_denied", quiet.get("error"), "prompt=none: no page, the error at once");

        EnrolledUser member = enrolledUser("member");
        db.update("update account set admin = true where username_key = ?", member.username().toLowerCase());
        Browser admin = signedIn(member);
        JWTClaimsSet id = verified(json(redeem(ADMINS, ADMINS_SECRET, code(admin, ADMINS, ADMINS_CB, null), ADMINS_CB,
                null, true).body()).get("id_token").asString(), ADMINS);
        assertTrue(id.getStringListClaim("groups").contains("admin"));
    }

    @Test
    void aClientThatTakesOnlyKeysTellsAUserWithoutOneAndAsksAUserWithOneForIt() throws Exception {
        Browser withoutKey = signedIn(enrolledUser("nokey"));
        Browser.Raw refused = withoutKey.get(authorizeUrl(KEYS, KEYS_CB, "openid", "s-1", "n", null));
        assertEquals(403, refused.status(), refused.body());
        Document page = Jsoup.parse(refused.body());
        assertEquals("This application asks for a security key or passkey. Add one on your security page.",
                page.getElementById("refusal").text());
        assertEquals("/twostep/account/security.xhtml", page.getElementById("addKey").attr("href"));
        assertEquals("unmet_authentication_requirements",
                query(URI.create(page.getElementById("backToApplication").attr("href")), KEYS_CB).get("error"));
        assertEquals("OIDC_UNMET_ACR", lastRefusal());

        EnrolledUser user = enrolledUser("haskey");
        Key key = registerKey(user, false);
        Browser browser = signedIn(user); // with the app's code
        Browser.Raw toChallenge = browser.get(authorizeUrl(KEYS, KEYS_CB, "openid", "s-2", "n", null));
        assertEquals("/twostep/challenge.xhtml", toChallenge.location().getPath(), "a step-up, not a refusal");
        Browser.Page challenge = browser.open("challenge.xhtml");
        assertEquals("This application asks for your security key or passkey.", challenge.textOf("keyOnly"));
        assertNull(challenge.doc().getElementById("code"), "no field for the app's code");
        assertNull(challenge.doc().getElementById("recoveryCode"), "nor for a recovery code");

        String assertion = key.sign(origin(), requestOptions(options(browser, "authentication/options")));
        Browser.Json proven = browser.postJson("api/webauthn/authentication", assertion, origin());
        assertEquals(200, proven.status(), proven.body());
        String redirect = json(proven).get("redirect").asString();
        assertTrue(redirect.startsWith("/twostep/api/oidc/authorize?"), "back to the application's request: " + redirect);
        Map<String, String> answer = query(browser.get(redirect).location(), KEYS_CB);
        JWTClaimsSet id = verified(json(redeem(KEYS, KEYS_SECRET, answer.get("code"), KEYS_CB, null, true).body())
                .get("id_token").asString(), KEYS);
        assertEquals("phr", id.getStringClaim("acr"));
        assertTrue(id.getStringListClaim("amr").contains("hwk"), id.getStringListClaim("amr").toString());
    }

    @Test
    void aClientsOwnMaxAgeAndPromptLoginAskForTheSecondFactorAgain() throws Exception {
        EnrolledUser user = enrolledUser("fresh");
        Browser browser = signedIn(user);
        int passwordSteps = db.auditOfType(user.username(), "FIRST_FACTOR_OK").size();
        Instant before = Instant.now().minusSeconds(1);
        Browser.Raw toChallenge = browser.get(authorizeUrl(RECENT, RECENT_CB, "openid", "s", "n", null));
        assertEquals("/twostep/challenge.xhtml", toChallenge.location().getPath(), "max-age 0 is the client's own");
        Map<String, String> answer = stepUpWithApp(browser, user, RECENT_CB);
        JWTClaimsSet id = verified(json(redeem(RECENT, RECENT_SECRET, answer.get("code"), RECENT_CB, null, true).body())
                .get("id_token").asString(), RECENT);
        assertTrue(id.getLongClaim("auth_time") >= before.getEpochSecond(), "auth_time is the new proof's");
        assertEquals(passwordSteps, db.auditOfType(user.username(), "FIRST_FACTOR_OK").size(), "the password was not asked again");

        // prompt=login is max_age=0 for a client that asks nothing itself: the same step-up.
        Browser.Raw again = browser.get(authorizeUrl(APP, APP_CB, "openid", "s", "n", null) + "&prompt=login");
        assertEquals("/twostep/challenge.xhtml", again.location().getPath(), "prompt=login");

        // Without a TwoStep session, the login itself is the fresh proof: no second challenge after it.
        Browser newcomer = browser();
        Browser.Raw toLogin = newcomer.get(authorizeUrl(RECENT, RECENT_CB, "openid", "s-new", "n", null));
        assertEquals("/twostep/login.xhtml", toLogin.location().getPath());
        Browser.Page atChallenge = signInWithPassword(newcomer, user.username(), PASSWORD);
        Browser.Raw proven = newcomer.submitWithoutFollowing(atChallenge, "challenge", Map.of("code", user.app().nextCode()),
                "verify");
        Map<String, String> issued = query(newcomer.get(proven.location().toString()).location(), RECENT_CB);
        assertNotNull(issued.get("code"), "the code, not another challenge: " + issued);
        assertEquals("s-new", issued.get("state"));
        Map<String, String> consented = query(browser.get(authorizeUrl(APP, APP_CB, "openid", "s", "n", null)
                + "&prompt=consent").location(), APP_CB);
        assertNotNull(consented.get("code"), "consent is given by registering the client: " + consented);
        for (String prompt : new String[] {"select_account", "none%20login"}) {
            Map<String, String> refused = query(browser.get(authorizeUrl(APP, APP_CB, "openid", "s", "n", null)
                    + "&prompt=" + prompt).location(), APP_CB);
            assertEquals("invalid_request", refused.get("error"), prompt);
            assertEquals("OIDC_INVALID_REQUEST", lastRefusal(), prompt);
        }
    }

    @Test
    void authorizationUserinfoAndLogoutRequestsMayComeAsForms() throws Exception {
        EnrolledUser user = enrolledUser("forms");
        Browser browser = signedIn(user);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("response_type", "code");
        form.put("client_id", APP);
        form.put("redirect_uri", APP_CB);
        form.put("scope", "openid profile");
        form.put("state", "a&b");
        form.put("nonce", "n-1");
        Browser.Raw asked = browser.postForm("api/oidc/authorize", form, null);
        assertEquals(303, asked.status(), asked.body());
        Map<String, String> answer = query(browser.get(asked.location().toString()).location(), APP_CB);
        assertEquals("a&b", answer.get("state"));
        var tokens = json(redeem(APP, APP_SECRET, answer.get("code"), APP_CB, null, true).body());

        Browser.Raw userinfo = browser.postForm("api/oidc/userinfo", Map.of(), "Bearer " + tokens.get("access_token").asString());
        assertEquals(200, userinfo.status(), userinfo.body());
        assertEquals(user.username(), json(userinfo.body()).get("preferred_username").asString());

        Browser.Raw logout = browser.postForm("api/oidc/logout", Map.of("id_token_hint", tokens.get("id_token").asString()), null);
        assertEquals(303, logout.status());
        Browser.Raw ended = browser.get(logout.location().toString());
        assertEquals("/twostep/login.xhtml", ended.location().getPath(), "signed out");
        assertEquals("/twostep/login.xhtml", browser.open("home.xhtml").path());
        assertNotNull(db.lastOfType(user.username(), "LOGOUT"));
        assertFalse(ended.body().contains("Exception"));
    }

    @Test
    void anApplicationsServerEndsItsGrantWithItsRefreshTokenAsWildFlysClientDoes() {
        EnrolledUser user = enrolledUser("grantend");
        Browser browser = signedIn(user);
        var tokens = json(redeem(APP, APP_SECRET, code(browser, APP, APP_CB, null), APP_CB, null, true).body());
        String refreshToken = tokens.get("refresh_token").asString();
        String basic = "Basic " + Base64.getEncoder().encodeToString((APP + ":wrong-secret").getBytes());
        assertOAuthError(browser().postForm("api/oidc/logout", Map.of("refresh_token", refreshToken), basic), 401, "invalid_client");
        assertEquals("OIDC_CLIENT_AUTH_FAILED", lastRefusal());

        String authorization = "Basic " + Base64.getEncoder().encodeToString((APP + ":" + APP_SECRET).getBytes());
        Browser.Raw ended = browser().postForm("api/oidc/logout", Map.of("refresh_token", refreshToken), authorization);
        assertEquals(204, ended.status(), ended.body());
        assertEquals("client=" + APP, db.lastOfType(user.username(), "OIDC_GRANT_ENDED").detail());
        assertOAuthError(refresh(APP, APP_SECRET, refreshToken), 400, "invalid_grant");
        assertEquals(user.username(), browser.open("home.xhtml").textOf("username"), "TwoStep's own session goes on");
    }

    @Test
    void aDisabledAccountGetsNoMoreTokensByRefresh() {
        EnrolledUser user = enrolledUser("disabled");
        Browser browser = signedIn(user);
        var tokens = json(redeem(APP, APP_SECRET, code(browser, APP, APP_CB, null), APP_CB, null, true).body());
        db.update("update account set status = 'DISABLED' where username_key = ?", user.username().toLowerCase());
        assertOAuthError(refresh(APP, APP_SECRET, tokens.get("refresh_token").asString()), 400, "invalid_grant");
        assertEquals("ACCOUNT_DISABLED", lastRefusal());
        assertEquals(401, browser().getWith("api/oidc/userinfo", "Bearer " + tokens.get("access_token").asString()).status(),
                "its access token no longer counts either");
    }
}
