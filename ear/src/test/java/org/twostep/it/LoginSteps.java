package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twostep.webauthn.EmulatedBrowser.creationOptions;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.twostep.webauthn.EmulatedBrowser;
import org.twostep.webauthn.EmulatedBrowser.Key;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The steps a person takes through the pages, which every client-side test repeats. */
abstract class LoginSteps {

    static final String PASSWORD = "correct horse battery staple";

    /** Where the pages' script registers a new key. */
    static final String REGISTRATION = "api/webauthn/registration?nickname=Emulated";

    final Database db;

    LoginSteps(Database db) {
        this.db = db;
    }

    /** The application's address, ending in "/twostep/". */
    abstract URI base();

    Browser browser() {
        return new Browser(base());
    }

    /** A fresh username, so tests do not share accounts. */
    static String newUsername(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    Browser.Page signInWithPassword(Browser browser, String username, String password) {
        Browser.Page login = browser.open("login.xhtml");
        return browser.submit(login, "login", Map.of("username", username, "password", password), "signIn");
    }

    Browser.Page enterCode(Browser browser, Browser.Page challenge, String code) {
        return browser.submit(challenge, "challenge", Map.of("code", code), "verify");
    }

    /** An account created by the administrator, whose owner then enrolled an authenticator app through the pages. */
    EnrolledUser enrolledUser(String prefix) {
        String username = newUsername(prefix);
        db.createAccount(username, PASSWORD);
        Browser browser = browser();
        Browser.Page enroll = signInWithPassword(browser, username, PASSWORD);
        assertEquals("/twostep/enroll/totp.xhtml", enroll.path(), enroll.text());
        Authenticator app = new Authenticator(enroll.textOf("secret"));
        Browser.Page home = browser.submit(enroll, "enroll", Map.of("code", app.nextCode()), "confirm");
        assertEquals("/twostep/home.xhtml", home.path(), home.text());
        signOut(browser, home);
        return new EnrolledUser(username, app);
    }

    /** A browser session signed in fully, password then the app's code, as the user would. */
    Browser signedIn(EnrolledUser user) {
        Browser browser = browser();
        Browser.Page home = enterCode(browser, signInWithPassword(browser, user.username(), PASSWORD), user.app().nextCode());
        assertSignedInAs(home, user.username());
        return browser;
    }

    /**
     * Opens a page of another application that TwoStep signs in (OpenID Connect): its client sends the
     * browser to TwoStep's login, the user gives the password and the app's code, and the browser is
     * back at the application. Returns the application's page.
     */
    Browser.Page signInAtApplication(Browser browser, String path, EnrolledUser user) {
        Browser.Page login = browser.open(path);
        assertEquals("/twostep/login.xhtml", login.path(), "the application sent the browser to TwoStep: " + login.uri());
        Browser.Page challenge = browser.submit(login, "login", Map.of("username", user.username(), "password", PASSWORD), "signIn");
        assertEquals("/twostep/challenge.xhtml", challenge.path(), challenge.text());
        return enterCode(browser, challenge, user.app().nextCode());
    }

    void signOut(Browser browser, Browser.Page home) {
        Browser.Page out = browser.submit(home, "logout", Map.of(), "signOut");
        assertEquals("/twostep/login.xhtml", out.path());
        assertTrue(out.text().contains("You are signed out"), out.text());
    }

    static void assertSignedInAs(Browser.Page page, String username) {
        assertEquals("/twostep/home.xhtml", page.path(), page.text());
        assertEquals(username, page.textOf("username"));
    }

    /** A refusal is a page with a short message: never a server error, never a stack trace. */
    static void assertShortRefusal(Browser.Page page, String message) {
        assertTrue(page.status() < 500, "status " + page.status());
        assertFalse(page.text().contains("Exception"), page.text());
        assertNotNull(page.messages());
        assertEquals(message, page.messages(), page.text());
    }

    record EnrolledUser(String username, Authenticator app) {
    }

    // --- security keys, by an emulated browser (EmulatedBrowser, shared with the unit tests) ---

    /** Signs in with password and app code, then registers a new emulated key (or passkey) from this site. */
    Key registerKey(EnrolledUser user, boolean passkey) {
        Browser browser = signedIn(user);
        int before = keysOf(user).size();
        EmulatedBrowser.Registered made = Key.fresh()
                .register(origin(), creationOptions(options(browser, "registration/options?passkey=" + passkey)));
        Browser.Json registered = browser.postJson(REGISTRATION, made.json(), origin());
        assertEquals(200, registered.status(), registered.body());
        assertEquals(before + 1, keysOf(user).size());
        return made.key();
    }

    /** Asks an options endpoint from this site, as the pages' script does; a new ceremony in the session. */
    JsonNode options(Browser browser, String endpoint) {
        Browser.Json answer = browser.postJson("api/webauthn/" + endpoint, "", origin());
        assertEquals(200, answer.status(), answer.body());
        return json(answer);
    }

    /** The origin the pages are served from, which the server takes as the relying party's. */
    String origin() {
        return base().getScheme() + "://" + base().getRawAuthority();
    }

    static JsonNode json(Browser.Json answer) {
        try {
            return JsonMapper.shared().readTree(answer.body());
        } catch (JacksonException e) {
            throw new AssertionError("not JSON (status " + answer.status() + "): " + answer.body(), e);
        }
    }

    /** The account's stored keys, each as its id, counter and last use: what a refusal must leave as it was. */
    List<String> keysOf(EnrolledUser user) {
        return db.query("select credential_id, sign_count, last_used_at from webauthn_credential where account_id = ? order by id",
                        db.accountId(user.username())).stream()
                .map(row -> row.get(0) + " " + row.get(1) + " " + row.get(2))
                .toList();
    }
}
