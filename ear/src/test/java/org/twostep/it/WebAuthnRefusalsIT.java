package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.webauthn4j.data.AttestationConveyancePreference;
import com.webauthn4j.data.AuthenticatorAssertionResponse;
import com.webauthn4j.data.AuthenticatorAttestationResponse;
import com.webauthn4j.data.AuthenticatorSelectionCriteria;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredential;
import com.webauthn4j.data.PublicKeyCredentialCreationOptions;
import com.webauthn4j.data.PublicKeyCredentialDescriptor;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialRequestOptions;
import com.webauthn4j.data.PublicKeyCredentialRpEntity;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.PublicKeyCredentialUserEntity;
import com.webauthn4j.data.ResidentKeyRequirement;
import com.webauthn4j.data.UserVerificationRequirement;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.data.extension.client.AuthenticationExtensionClientOutput;
import com.webauthn4j.data.extension.client.RegistrationExtensionClientOutput;
import com.webauthn4j.test.authenticator.webauthn.NoneAttestationAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnAuthenticatorAdaptor;
import com.webauthn4j.test.client.ClientPlatform;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

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

    private static final String REGISTRATION = "api/webauthn/registration?nickname=Emulated";
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
        var credential = client(newAuthenticator(), EVIL_ORIGIN)
                .create(creationOptions(options(browser, "registration/options?passkey=false")));
        assertRefused(browser.postJson(REGISTRATION, registrationJson(credential), origin()), 403, NOT_ACCEPTED);
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
        WebAuthnAuthenticatorAdaptor authenticator = newAuthenticator();
        var credential = client(authenticator, origin())
                .create(creationOptions(options(browser, "registration/options?passkey=false")));
        String registration = registrationJson(credential);
        int audited = db.audit(user.username()).size();

        assertRefused(browser.postJson(REGISTRATION, registration, EVIL_ORIGIN), 403, OTHER_SITE);
        assertRefused(browser.postJson(REGISTRATION, registration, null), 403, OTHER_SITE);
        assertEquals(List.of(), keysOf(user));
        assertEquals(audited, db.audit(user.username()).size(), "not even audited");
        assertEquals(200, browser.postJson(REGISTRATION, registration, origin()).status(), "the ceremony is still open");
        assertEquals(1, keysOf(user).size());

        Key key = new Key(authenticator, credential.getRawId());
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
        List<Database.AuditRow> logins = db.auditOfType(user.username(), "LOGIN_OK");
        assertEquals("PASSKEY", logins.get(logins.size() - 1).method());
    }

    // --- the emulated browser and its authenticator ---

    /** An emulated authenticator holding the credential it made for TwoStep, and that credential's id. */
    private record Key(WebAuthnAuthenticatorAdaptor authenticator, byte[] credentialId) {

        /** The assertion JSON the browser on {@code origin} posts after its authenticator signed the options. */
        String sign(String origin, PublicKeyCredentialRequestOptions options) {
            return assertionJson(client(authenticator, origin).get(options));
        }
    }

    /** A fresh authenticator: no attestation (the server asks for none), a signature counter, user verification. */
    private static WebAuthnAuthenticatorAdaptor newAuthenticator() {
        return new WebAuthnAuthenticatorAdaptor(new NoneAttestationAuthenticator());
    }

    /** The emulated browser: it writes the origin it runs on into the client data, as a real one does. */
    private static ClientPlatform client(WebAuthnAuthenticatorAdaptor authenticator, String origin) {
        return new ClientPlatform(new Origin(origin), authenticator);
    }

    /** Signs in with password and app code, then registers a new emulated key (or passkey) from this site. */
    private Key registerKey(EnrolledUser user, boolean passkey) {
        Browser browser = signedIn(user);
        int before = keysOf(user).size();
        WebAuthnAuthenticatorAdaptor authenticator = newAuthenticator();
        var credential = client(authenticator, origin())
                .create(creationOptions(options(browser, "registration/options?passkey=" + passkey)));
        Browser.Json registered = browser.postJson(REGISTRATION, registrationJson(credential), origin());
        assertEquals(200, registered.status(), registered.body());
        assertEquals(before + 1, keysOf(user).size());
        return new Key(authenticator, credential.getRawId());
    }

    // --- the steps and what they leave behind ---

    private Browser signedIn(EnrolledUser user) {
        Browser browser = browser();
        Browser.Page home = enterCode(browser, signInWithPassword(browser, user.username(), PASSWORD), user.app().nextCode());
        assertSignedInAs(home, user.username());
        return browser;
    }

    private Browser atSecondStep(EnrolledUser user) {
        Browser browser = browser();
        Browser.Page challenge = signInWithPassword(browser, user.username(), PASSWORD);
        assertEquals("/twostep/challenge.xhtml", challenge.path(), challenge.text());
        return browser;
    }

    /** Asks an options endpoint from this site, as the pages' script does; a new ceremony in the session. */
    private JsonNode options(Browser browser, String endpoint) {
        Browser.Json answer = browser.postJson("api/webauthn/" + endpoint, "", origin());
        assertEquals(200, answer.status(), answer.body());
        return json(answer);
    }

    /** The origin the pages are served from, which the server takes as the relying party's. */
    private String origin() {
        return base().getScheme() + "://" + base().getRawAuthority();
    }

    /** The account's stored keys, each as its id, counter and last use: what a refusal must leave as it was. */
    private List<String> keysOf(EnrolledUser user) {
        return db.query("select credential_id, sign_count, last_used_at from webauthn_credential where account_id = ? order by id",
                        db.accountId(user.username())).stream()
                .map(row -> row.get(0) + " " + row.get(1) + " " + row.get(2))
                .toList();
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
        List<Database.AuditRow> rows = db.auditOfType(user.username(), type);
        assertFalse(rows.isEmpty(), "no " + type + " audited for " + user.username());
        Database.AuditRow last = rows.get(rows.size() - 1);
        assertEquals(reason, last.reason(), last.toString());
        assertEquals(method, last.method(), last.toString());
    }

    // --- WebAuthn's JSON forms (Level 3 §5.4, §5.5, §5.1), binary values base64url ---

    private static PublicKeyCredentialCreationOptions creationOptions(JsonNode json) {
        JsonNode rp = json.get("rp");
        JsonNode user = json.get("user");
        JsonNode selection = json.get("authenticatorSelection");
        return new PublicKeyCredentialCreationOptions(
                new PublicKeyCredentialRpEntity(rp.get("id").asString(), rp.get("name").asString()),
                new PublicKeyCredentialUserEntity(bytes(user.get("id")), user.get("name").asString(),
                        user.get("displayName").asString()),
                new DefaultChallenge(bytes(json.get("challenge"))),
                json.get("pubKeyCredParams").valueStream()
                        .map(p -> new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY,
                                COSEAlgorithmIdentifier.create(p.get("alg").asLong())))
                        .toList(),
                json.get("timeout").asLong(),
                descriptors(json.get("excludeCredentials")),
                new AuthenticatorSelectionCriteria(null, selection.get("requireResidentKey").asBoolean(),
                        ResidentKeyRequirement.create(selection.get("residentKey").asString()),
                        UserVerificationRequirement.create(selection.get("userVerification").asString())),
                AttestationConveyancePreference.create(json.get("attestation").asString()),
                null);
    }

    /** The request options as the server sent them. */
    private static PublicKeyCredentialRequestOptions requestOptions(JsonNode json) {
        return requestOptions(json, UserVerificationRequirement.create(json.get("userVerification").asString()));
    }

    /** The request options, with the user verification the client asks its authenticator for. */
    private static PublicKeyCredentialRequestOptions requestOptions(JsonNode json, UserVerificationRequirement verification) {
        return requestOptions(json, descriptors(json.get("allowCredentials")), verification);
    }

    /** The request options, with the allowed credentials replaced by this key alone. */
    private static PublicKeyCredentialRequestOptions allowingOnly(Key key, JsonNode json) {
        return requestOptions(json, List.of(new PublicKeyCredentialDescriptor(PublicKeyCredentialType.PUBLIC_KEY,
                key.credentialId(), null)), UserVerificationRequirement.create(json.get("userVerification").asString()));
    }

    private static PublicKeyCredentialRequestOptions requestOptions(JsonNode json, List<PublicKeyCredentialDescriptor> allow,
                                                                    UserVerificationRequirement verification) {
        return new PublicKeyCredentialRequestOptions(new DefaultChallenge(bytes(json.get("challenge"))),
                json.get("timeout").asLong(), json.get("rpId").asString(), allow, verification, null);
    }

    private static List<PublicKeyCredentialDescriptor> descriptors(JsonNode list) {
        return list.valueStream()
                .map(d -> new PublicKeyCredentialDescriptor(PublicKeyCredentialType.PUBLIC_KEY, bytes(d.get("id")), null))
                .toList();
    }

    private static String registrationJson(
            PublicKeyCredential<AuthenticatorAttestationResponse, RegistrationExtensionClientOutput> credential) {
        AuthenticatorAttestationResponse response = credential.getResponse();
        ObjectNode json = credentialJson(credential.getRawId());
        ObjectNode body = json.putObject("response");
        body.put("clientDataJSON", base64url(response.getClientDataJSON()));
        body.put("attestationObject", base64url(response.getAttestationObject()));
        var transports = body.putArray("transports");
        if (response.getTransports() != null) {
            response.getTransports().stream().map(AuthenticatorTransport::getValue).forEach(transports::add);
        }
        return json.toString();
    }

    private static String assertionJson(
            PublicKeyCredential<AuthenticatorAssertionResponse, AuthenticationExtensionClientOutput> credential) {
        AuthenticatorAssertionResponse response = credential.getResponse();
        ObjectNode json = credentialJson(credential.getRawId());
        ObjectNode body = json.putObject("response");
        body.put("clientDataJSON", base64url(response.getClientDataJSON()));
        body.put("authenticatorData", base64url(response.getAuthenticatorData()));
        body.put("signature", base64url(response.getSignature()));
        if (response.getUserHandle() == null) {
            body.putNull("userHandle");
        } else {
            body.put("userHandle", base64url(response.getUserHandle()));
        }
        return json.toString();
    }

    private static ObjectNode credentialJson(byte[] rawId) {
        ObjectNode json = JsonMapper.shared().createObjectNode();
        json.put("id", base64url(rawId));
        json.put("rawId", base64url(rawId));
        json.put("type", "public-key");
        json.put("authenticatorAttachment", "cross-platform");
        json.putObject("clientExtensionResults");
        return json;
    }

    private static JsonNode json(Browser.Json answer) {
        try {
            return JsonMapper.shared().readTree(answer.body());
        } catch (JacksonException e) {
            throw new AssertionError("not JSON (status " + answer.status() + "): " + answer.body(), e);
        }
    }

    private static String field(Browser.Json answer, String name) {
        JsonNode value = json(answer).get(name);
        return value == null ? null : value.asString();
    }

    private static byte[] bytes(JsonNode base64url) {
        return Base64.getUrlDecoder().decode(base64url.asString());
    }

    private static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
