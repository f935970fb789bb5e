package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.twostep.webauthn.EmulatedBrowser.allowingOnly;
import static org.twostep.webauthn.EmulatedBrowser.creationOptions;
import static org.twostep.webauthn.EmulatedBrowser.requestOptions;

import com.webauthn4j.data.PublicKeyCredentialRequestOptions;
import com.webauthn4j.data.UserVerificationRequirement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twostep.webauthn.EmulatedBrowser;
import org.twostep.webauthn.EmulatedBrowser.Key;
import tools.jackson.databind.JsonNode;

/**
 * The WebAuthn JSON endpoints refuse what they must, over real HTTP against the managed server. A
 * software authenticator (webauthn4j-test's emulator, in an emulated browser that writes the origin
 * it runs on into the client data) stands in for Chromium and its key: an assertion replayed, one
 * answered out of order, one made with another account's key, one made on another origin, bodies that
 * are no credential, requests from another site, a passkey that did not verify its user. Each refusal
 * is a 4xx with a short message and is audited with its reason; it stores no key, moves no counter and
 * signs nobody in.
 */
class WebAuthnRefusalsIT extends TwoStepIT {

    private static final String EVIL_ORIGIN = "http://evil.example:8080";

    private static final String AUTHENTICATION = "api/webauthn/authentication";
    private static final String PASSKEY = "api/webauthn/passkey";

    private static final String NOT_ACCEPTED = "The security key's answer was not accepted.";
    private static final String UNREADABLE = "The browser's answer could not be read. Please try again.";
    private static final String ANSWERED = "That request expired or was already answered. Please try again.";
    private static final String OTHER_SITE = "Requests must come from this site's own pages.";

    @Test
    void anAssertionReplayedAfterItSignedInFindsNoCeremony() {
        EnrolledUser user = enrolledUser("replay");
        Key key = registerKey(user, false);
        Browser first = atSecondStep(user);
        String assertion = key.sign(origin(), requestOptions(options(first, "authentication/options")));
        assertSignedInBy(first, first.postJson(AUTHENTICATION, assertion, origin()), user);
        List<String> keys = keysOf(user);

        // The same session again: nothing is pending any more (refused before any ceremony, not audited).
        assertRefused(first.postJson(AUTHENTICATION, assertion, origin()), 401, "No sign-in is in progress. Please sign in.");

        // Another login of the account, at its second step, gets the spent assertion without asking for
        // options: its session holds no ceremony for it to answer.
        Browser replay = atSecondStep(user);
        assertRefused(replay.postJson(AUTHENTICATION, assertion, origin()), 403, ANSWERED);
        assertAudited(user, "SECOND_FACTOR_FAILED", "WEBAUTHN_NO_CEREMONY", "WEBAUTHN");
        assertEquals(keys, keysOf(user));
        assertNotSignedIn(replay);
    }

    @Test
    void anAssertionReplayedAgainstFreshOptionsSignedAnotherChallenge() {
        EnrolledUser user = enrolledUser("rechallenge");
        Key key = registerKey(user, false);
        Browser first = atSecondStep(user);
        String assertion = key.sign(origin(), requestOptions(options(first, "authentication/options")));
        assertSignedInBy(first, first.postJson(AUTHENTICATION, assertion, origin()), user);
        List<String> keys = keysOf(user);

        Browser replay = atSecondStep(user);
        options(replay, "authentication/options");
        assertRefused(replay.postJson(AUTHENTICATION, assertion, origin()), 403, NOT_ACCEPTED);
        // WEBAUTHN_BAD_CHALLENGE, not WEBAUTHN_NO_CEREMONY: the fresh options opened a ceremony, and its
        // challenge is checked (in the client data) before the counter, which has not moved either.
        assertAudited(user, "SECOND_FACTOR_FAILED", "WEBAUTHN_BAD_CHALLENGE", "WEBAUTHN");
        assertEquals(keys, keysOf(user));
        assertNotSignedIn(replay);
    }

    @Test
    void anOlderAssertionAnsweredAfterANewerOneLooksLikeAClonedKey() {
        EnrolledUser user = enrolledUser("clone");
        Key key = registerKey(user, false);
        Browser first = atSecondStep(user);
        Browser second = atSecondStep(user);
        String older = key.sign(origin(), requestOptions(options(first, "authentication/options")));
        String newer = key.sign(origin(), requestOptions(options(second, "authentication/options")));
        assertSignedInBy(second, second.postJson(AUTHENTICATION, newer, origin()), user);
        List<String> keys = keysOf(user);

        // Its own ceremony, its own challenge, a valid signature: only the counter is behind the stored one.
        assertRefused(first.postJson(AUTHENTICATION, older, origin()), 403, NOT_ACCEPTED);
        assertAudited(user, "SECOND_FACTOR_FAILED", "WEBAUTHN_COUNTER_REGRESSED", "WEBAUTHN");
        assertEquals(keys, keysOf(user));
        assertNotSignedIn(first);
    }

    @Test
    void anotherAccountsKeyDoesNotProveThisAccountsSecondStep() {
        EnrolledUser user = enrolledUser("victim");
        registerKey(user, false);
        EnrolledUser other = enrolledUser("other");
        Key othersKey = registerKey(other, false);
        List<String> keys = keysOf(user);
        List<String> othersKeys = keysOf(other);

        Browser browser = atSecondStep(user);
        // The server offers this account's key; the client answers with the other account's instead.
        String assertion = othersKey.sign(origin(), allowingOnly(othersKey, options(browser, "authentication/options")));
        assertRefused(browser.postJson(AUTHENTICATION, assertion, origin()), 403,
                "This security key or passkey is not registered for this account.");
        assertAudited(user, "SECOND_FACTOR_FAILED", "WEBAUTHN_FOREIGN_CREDENTIAL", "WEBAUTHN");
        assertEquals(keys, keysOf(user));
        assertEquals(othersKeys, keysOf(other));
        assertNotSignedIn(browser);
    }

    @Test
    void anAssertionMadeOnAnotherOriginIsRefused() {
        EnrolledUser user = enrolledUser("phished");
        Key key = registerKey(user, false);
        List<String> keys = keysOf(user);

        Browser browser = atSecondStep(user);
        // A look-alike site relays this site's options and posts the answer here with this site's Origin
        // header; only the client data tells where the key was used.
        String assertion = key.sign(EVIL_ORIGIN, requestOptions(options(browser, "authentication/options")));
        assertRefused(browser.postJson(AUTHENTICATION, assertion, origin()), 403, NOT_ACCEPTED);
        assertAudited(user, "SECOND_FACTOR_FAILED", "WEBAUTHN_BAD_ORIGIN", "WEBAUTHN");
        assertEquals(keys, keysOf(user));
        assertNotSignedIn(browser);
    }

    @Test
    void aKeyCreatedOnAnotherOriginIsNotRegistered() {
        EnrolledUser user = enrolledUser("phishedkey");
        Browser browser = signedIn(user);
        String phished = Key.fresh().register(EVIL_ORIGIN, creationOptions(options(browser, "registration/options?passkey=false"))).json();
        assertRefused(browser.postJson(REGISTRATION, phished, origin()), 403, NOT_ACCEPTED);
        assertAudited(user, "FACTOR_REFUSED", "WEBAUTHN_BAD_ORIGIN", "WEBAUTHN");
        assertEquals(List.of(), keysOf(user));
    }

    @Test
    void bodiesThatAreNoCredentialAreRefusedAsMalformed() {
        EnrolledUser user = enrolledUser("garbage");
        Key key = registerKey(user, false);
        List<String> keys = keysOf(user);
        Browser signing = atSecondStep(user);
        String assertion = key.sign(origin(), requestOptions(options(signing, "authentication/options")));

        List<String> bodies = List.of("this is not JSON {", assertion.substring(0, assertion.length() / 2), "", "{}");
        for (String body : bodies) {
            // A login of its own for each, so the refusals do not add up to the attempt limit.
            Browser browser = atSecondStep(user);
            options(browser, "authentication/options");
            assertRefused(browser.postJson(AUTHENTICATION, body, origin()), 400, UNREADABLE);
            assertAudited(user, "SECOND_FACTOR_FAILED", "WEBAUTHN_MALFORMED", "WEBAUTHN");
            assertNotSignedIn(browser);
        }
        assertEquals(bodies.size(), db.auditOfType(user.username(), "SECOND_FACTOR_FAILED").stream()
                .filter(r -> "WEBAUTHN_MALFORMED".equals(r.reason())).count());
        assertEquals(keys, keysOf(user));

        // Over 64 KiB: refused before it is read further, and before the ceremony is spent.
        Browser oversized = atSecondStep(user);
        options(oversized, "authentication/options");
        String huge = "{\"padding\":\"" + "x".repeat(70 * 1024) + "\"}";
        assertRefused(oversized.postJson(AUTHENTICATION, huge, origin()), 400, "The request is too large.");
        assertNotSignedIn(oversized);
        assertEquals(keys, keysOf(user));
    }

    @Test
    void aMalformedRegistrationStoresNoKey() {
        EnrolledUser user = enrolledUser("badkey");
        Browser browser = signedIn(user);
        options(browser, "registration/options?passkey=false");
        assertRefused(browser.postJson(REGISTRATION, "{\"id\":", origin()), 400, UNREADABLE);
        assertAudited(user, "FACTOR_REFUSED", "WEBAUTHN_MALFORMED", "WEBAUTHN");
        assertEquals(List.of(), keysOf(user));
    }

    @Test
    void requestsFromAnotherSiteAreRefusedBeforeAnythingHappens() {
        EnrolledUser user = enrolledUser("crosssite");
        Browser browser = signedIn(user);
        assertRefused(browser.postJson("api/webauthn/registration/options?passkey=false", "", EVIL_ORIGIN), 403, OTHER_SITE);
        EmulatedBrowser.Registered made = Key.fresh().register(origin(), creationOptions(options(browser, "registration/options?passkey=false")));
        String registration = made.json();
        int audited = db.audit(user.username()).size();

        assertRefused(browser.postJson(REGISTRATION, registration, EVIL_ORIGIN), 403, OTHER_SITE);
        assertRefused(browser.postJson(REGISTRATION, registration, null), 403, OTHER_SITE);
        assertEquals(List.of(), keysOf(user));
        assertEquals(audited, db.audit(user.username()).size(), "not even audited");
        assertEquals(200, browser.postJson(REGISTRATION, registration, origin()).status(), "the ceremony is still open");
        assertEquals(1, keysOf(user).size());

        Key key = made.key();
        Browser second = atSecondStep(user);
        assertRefused(second.postJson("api/webauthn/authentication/options", "", EVIL_ORIGIN), 403, OTHER_SITE);
        String assertion = key.sign(origin(), requestOptions(options(second, "authentication/options")));
        List<String> keys = keysOf(user);
        audited = db.audit(user.username()).size();

        assertRefused(second.postJson(AUTHENTICATION, assertion, EVIL_ORIGIN), 403, OTHER_SITE);
        assertRefused(second.postJson(AUTHENTICATION, assertion, null), 403, OTHER_SITE);
        assertEquals(keys, keysOf(user));
        assertEquals(audited, db.audit(user.username()).size(), "not even audited");
        assertNotSignedIn(second);
        assertSignedInBy(second, second.postJson(AUTHENTICATION, assertion, origin()), user);
    }

    @Test
    void aPasskeyThatDidNotVerifyItsUserIsRefusedAndOneThatDidSignsIn() {
        EnrolledUser user = enrolledUser("passkey");
        Key passkey = registerKey(user, true);
        List<String> keys = keysOf(user);
        assertEquals("TRUE", db.query("select discoverable from webauthn_credential where account_id = ?",
                db.accountId(user.username())).get(0).get(0).toUpperCase(), "a passkey is discoverable");

        Browser browser = browser();
        JsonNode options = options(browser, "passkey/options");
        assertEquals("required", options.get("userVerification").asString());
        // The emulated browser asks its authenticator not to verify the user (as a key without a PIN or
        // biometric would answer): user present, not verified.
        String unverified = passkey.sign(origin(), requestOptions(options, UserVerificationRequirement.DISCOURAGED));
        assertRefused(browser.postJson(PASSKEY, unverified, origin()), 403,
                "Your passkey must confirm it is you (PIN, fingerprint or face). Try again or use your password.");
        assertAudited(user, "FIRST_FACTOR_FAILED", "WEBAUTHN_USER_NOT_VERIFIED", "PASSKEY");
        assertEquals(keys, keysOf(user));
        assertNotSignedIn(browser);

        String verified = passkey.sign(origin(), requestOptions(options(browser, "passkey/options")));
        assertSignedInBy(browser, browser.postJson(PASSKEY, verified, origin()), user);
        assertEquals("PASSKEY", db.lastOfType(user.username(), "LOGIN_OK").method());
    }

    // --- the emulated browser (EmulatedBrowser, shared with the unit tests) and its authenticator ---

    // --- the steps and what they leave behind ---

    private Browser atSecondStep(EnrolledUser user) {
        Browser browser = browser();
        Browser.Page challenge = signInWithPassword(browser, user.username(), PASSWORD);
        assertEquals("/twostep/challenge.xhtml", challenge.path(), challenge.text());
        return browser;
    }

    private static void assertRefused(Browser.Json answer, int status, String message) {
        assertEquals(status, answer.status(), answer.body());
        assertEquals(message, field(answer, "message"), answer.body());
    }

    /** A script finished the login: the answer names the next page, and the session is signed in. */
    private static void assertSignedInBy(Browser browser, Browser.Json answer, EnrolledUser user) {
        assertEquals(200, answer.status(), answer.body());
        assertEquals("/twostep/home.xhtml", field(answer, "redirect"), answer.body());
        assertSignedInAs(browser.open("home.xhtml"), user.username());
    }

    private static void assertNotSignedIn(Browser browser) {
        assertEquals("/twostep/login.xhtml", browser.open("home.xhtml").path(), "not signed in");
    }

    /** The account's last audit event of this type was for this reason, by this method. */
    private void assertAudited(EnrolledUser user, String type, String reason, String method) {
        Database.AuditRow last = db.lastOfType(user.username(), type);
        assertEquals(reason, last.reason(), last.toString());
        assertEquals(method, last.method(), last.toString());
    }

    private static String field(Browser.Json answer, String name) {
        JsonNode value = json(answer).get(name);
        return value == null ? null : value.asString();
    }
}
