package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twostep.webauthn.EmulatedBrowser.requestOptions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.twostep.webauthn.EmulatedBrowser.Key;

/** The two-step login through the real pages, and its refusals with their reason codes in the audit trail. */
class LoginFlowIT extends TwoStepIT {

    static final String WRONG_CREDENTIALS = "Wrong username or password.";
    static final String LOCKED = "Too many wrong codes: app codes are refused until ";

    @Test
    void protectedPageLeadsThroughBothStepsAndBackWithNewSessionIds() {
        EnrolledUser user = enrolledUser("flow");
        Browser browser = browser();

        Browser.Page login = browser.open("account/security.xhtml?from=bookmark");
        assertEquals("/twostep/login.xhtml", login.path());
        String anonymousSession = browser.sessionId();
        assertNotNull(anonymousSession);

        Browser.Page challenge = browser.submit(login, "login", Map.of("username", user.username(), "password", PASSWORD), "signIn");
        assertEquals("/twostep/challenge.xhtml", challenge.path(), challenge.text());
        String pendingSession = browser.sessionId();
        assertNotEquals(anonymousSession, pendingSession, "session id must change after the password");

        Browser.Page asked = enterCode(browser, challenge, user.app().nextCode());
        assertEquals("/twostep/account/security.xhtml", asked.path(), "back on the page first asked for");
        assertEquals("from=bookmark", asked.uri().getQuery());
        assertNotEquals(pendingSession, browser.sessionId(), "session id must change after the second factor");
        assertSignedInAs(browser.open("home.xhtml"), user.username());

        List<Database.AuditRow> login2 = db.audit(user.username()).stream()
                .filter(r -> r.type().equals("FIRST_FACTOR_OK") || r.type().equals("LOGIN_OK")).toList();
        Database.AuditRow last = login2.get(login2.size() - 1);
        assertEquals("LOGIN_OK", last.type());
        assertEquals("TOTP", last.method());
        assertEquals(login2.get(login2.size() - 2).correlationId(), last.correlationId(),
                "both steps of one login share a correlation id");
    }

    @Test
    void theLoginAndChallengePagesKeepNoViewStateInTheSession() {
        EnrolledUser user = enrolledUser("stateless");
        Browser browser = browser();
        Browser.Page login = browser.open("login.xhtml");
        assertEquals("stateless", viewState(login, "login"), "the login page is a stateless view");
        Browser.Page challenge = browser.submit(login, "login", Map.of("username", user.username(), "password", PASSWORD), "signIn");
        assertEquals("stateless", viewState(challenge, "challenge"), "so is the challenge page");
        Browser.Page home = enterCode(browser, challenge, user.app().nextCode());
        assertEquals("/twostep/home.xhtml", home.path());
        assertSignedInAs(home, user.username());
        assertEquals("stateless", viewState(home, "logout"), "and the home page, whose one form signs out");
    }

    private static String viewState(Browser.Page page, String formId) {
        return page.doc().getElementById(formId).selectFirst("input[name=jakarta.faces.ViewState]").val();
    }

    @Test
    void aFormPostedFromAnotherSiteIsRefusedBeforeAnythingReadsIt() {
        EnrolledUser user = enrolledUser("crosssite");
        Browser browser = browser();
        long passwordsBefore = firstFactorsOk(user);
        Browser.Page login = browser.open("login.xhtml");
        byte[] form = Browser.encoded(browser.formFields(login, "login", Map.of("username", user.username(), "password", PASSWORD),
                "signIn")).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (String origin : List.of("https://attacker.example", "null", "http://localhost:8080.attacker.example")) {
            Browser.Raw forged = browser.postBytes(browser.formAction(login, "login"), "application/x-www-form-urlencoded", form, origin);
            assertEquals(403, forged.status(), origin);
            assertEquals("Forms are taken only from TwoStep's own pages.", forged.body());
        }
        // A browser that sends Sec-Fetch-Site is judged by it, whatever the Origin says.
        Browser.Raw fetchedCrossSite = browser.postWithHeaders(browser.formAction(login, "login"), "application/x-www-form-urlencoded", form,
                Map.of("Sec-Fetch-Site", "cross-site", "Origin", login.uri().getScheme() + "://" + login.uri().getRawAuthority()));
        assertEquals(403, fetchedCrossSite.status(), "Sec-Fetch-Site: cross-site");
        assertEquals("Forms are taken only from TwoStep's own pages.", fetchedCrossSite.body());
        Browser.Raw fetchedSameSite = browser.postWithHeaders(browser.formAction(login, "login"), "application/x-www-form-urlencoded", form,
                Map.of("Sec-Fetch-Site", "same-site"));
        assertEquals(403, fetchedSameSite.status(), "Sec-Fetch-Site: same-site (another application under the same site)");
        assertEquals("Forms are taken only from TwoStep's own pages.", fetchedSameSite.body());
        assertEquals(passwordsBefore, firstFactorsOk(user), "the password was never looked at");
        assertEquals("/twostep/login.xhtml", browser.open("home.xhtml").path(), "nobody signed in");
        Browser.Page challenge = browser.submit(browser.open("login.xhtml"), "login",
                Map.of("username", user.username(), "password", PASSWORD), "signIn");
        assertEquals("/twostep/challenge.xhtml", challenge.path(), "the same form from the site's own page goes through");
    }

    private long firstFactorsOk(EnrolledUser user) {
        return db.audit(user.username()).stream().filter(r -> r.type().equals("FIRST_FACTOR_OK")).count();
    }

    @Test
    void servedFieldsCarryAutofillHintsAndTheFocus() {
        Browser browser = browser();
        Browser.Page login = browser.open("login.xhtml");
        assertAttributes(login, "username", Map.of("autocomplete", "username webauthn", "autofocus", "autofocus",
                "autocapitalize", "none", "spellcheck", "false"));
        assertAttributes(login, "password", Map.of("autocomplete", "current-password", "type", "password"));

        EnrolledUser user = enrolledUser("autofill");
        Browser.Page challenge = signInWithPassword(browser, user.username(), PASSWORD);
        assertAttributes(challenge, "code", Map.of("autocomplete", "one-time-code", "inputmode", "numeric", "autofocus", "autofocus"));

        String fresh = newUsername("autofill-enroll");
        db.createAccount(fresh, PASSWORD);
        Browser.Page enroll = signInWithPassword(browser(), fresh, PASSWORD);
        assertAttributes(enroll, "code", Map.of("autocomplete", "one-time-code", "inputmode", "numeric"));
    }

    /** What the server sent, not what the template says: the element's attributes in the served HTML. */
    private static void assertAttributes(Browser.Page page, String id, Map<String, String> expected) {
        org.jsoup.nodes.Element field = page.doc().getElementById(id);
        assertTrue(field != null, id + " on " + page.path());
        expected.forEach((name, value) -> assertEquals(value, field.attr(name), id + "[" + name + "] in " + field.outerHtml()));
    }

    @Test
    void bootstrapAdminMustEnrollBeforeReachingHome() {
        // Whatever ran before: the bootstrap administrator as the first start leaves it, with no second factor.
        long admin = db.accountId("admin");
        for (String table : new String[] {"totp_authenticator", "webauthn_credential", "recovery_code"}) {
            db.update("delete from " + table + " where account_id = ?", admin);
        }
        db.update("update account set failed_second_factors = 0, locked_until = null where id = ?", admin);
        int addedBefore = db.auditOfType("admin", "FACTOR_ADDED").size();
        Browser browser = browser();
        Browser.Page enroll = signInWithPassword(browser, "admin", "bootstrap-Admin-pw1");
        assertEquals("/twostep/enroll/totp.xhtml", enroll.path(), enroll.text());
        assertTrue(enroll.doc().select(".qr svg").size() == 1, "the QR code is on the page");

        Browser.Page elsewhere = browser.open("home.xhtml");
        assertEquals("/twostep/login.xhtml", elsewhere.path(), "nothing else is reachable before enrollment");

        Browser.Page stillEnrolling = browser.open("enroll/totp.xhtml");
        Authenticator app = new Authenticator(stillEnrolling.textOf("secret"));
        assertEquals(enroll.textOf("secret"), stillEnrolling.textOf("secret"), "a reload shows the same secret");

        Browser.Page wrong = browser.submit(stillEnrolling, "enroll", Map.of("code", "000000".equals(app.codeStepsFromNow(0)) ? "111111" : "000000"), "confirm");
        assertShortRefusal(wrong, "That code is not right. Check the app and try again.");

        Browser.Page home = browser.submit(wrong, "enroll", Map.of("code", app.nextCode()), "confirm");
        assertSignedInAs(home, "admin");
        assertTrue(home.textOf("factors").contains("Authenticator app"), home.text());
        assertEquals(1, db.query("select count(*) from totp_authenticator t join account a on a.id = t.account_id"
                + " where a.username_key = 'admin' and t.status = 'ACTIVE'").get(0).getLong(0));
        assertEquals(addedBefore + 1, db.auditOfType("admin", "FACTOR_ADDED").size());
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        String known = newUsername("known");
        db.createAccount(known, PASSWORD);
        String unknown = newUsername("nobody");

        Browser.Page badPassword = signInWithPassword(browser(), known, "not the password");
        Browser.Page noSuchUser = signInWithPassword(browser(), unknown, PASSWORD);

        assertShortRefusal(badPassword, WRONG_CREDENTIALS);
        assertShortRefusal(noSuchUser, WRONG_CREDENTIALS);
        assertEquals(badPassword.path(), noSuchUser.path());
        assertEquals("BAD_PASSWORD", db.auditOfType(known, "FIRST_FACTOR_FAILED").get(0).reason());
        assertEquals("UNKNOWN_USER", db.auditOfType(unknown, "FIRST_FACTOR_FAILED").get(0).reason());
    }

    @Test
    void wrongCodesAreCountedUntilTheChallengeIsDead() {
        EnrolledUser user = enrolledUser("wrong");
        Browser browser = browser();
        Browser.Page page = signInWithPassword(browser, user.username(), PASSWORD);
        String wrong = user.app().wrongCode();
        for (int attempt = 1; attempt < 5; attempt++) {
            page = enterCode(browser, page, wrong);
            assertShortRefusal(page, "That code is not right. Check the app and try again.");
        }
        page = enterCode(browser, page, wrong);
        assertShortRefusal(page, "Too many wrong codes. Please sign in again.");
        assertEquals("LOCKED", db.challenges(user.username()).get(1).get(0));
        assertEquals(5, db.challenges(user.username()).get(1).getLong(1));

        Browser.Page again = browser.open("challenge.xhtml");
        assertNotNull(again.textOf("noChallenge"), "the dead challenge cannot be used: " + again.text());
        List<Database.AuditRow> refusals = db.auditOfType(user.username(), "SECOND_FACTOR_FAILED");
        assertEquals(5, refusals.stream().filter(r -> r.reason().equals("TOTP_MISMATCH")).count());
        assertEquals("attempt 5 of 5", refusals.get(refusals.size() - 1).detail());
    }

    @Test
    void aLockedAccountsOwnerStillSignsInWithAPasskeyAndTheLockStays() {
        EnrolledUser user = enrolledUser("weapon");
        Key passkey = registerKey(user, true);
        String wrong = user.app().wrongCode();
        Browser attacker = browser();
        for (int login = 1; login <= 2; login++) { // whoever holds the password locks the account
            Browser.Page page = signInWithPassword(attacker, user.username(), PASSWORD);
            for (int attempt = 1; attempt <= 5; attempt++) {
                page = enterCode(attacker, page, wrong);
            }
        }
        assertEquals(1, db.auditOfType(user.username(), "ACCOUNT_LOCKED").size());

        Browser owner = browser();
        String assertion = passkey.sign(origin(), requestOptions(options(owner, "passkey/options")));
        Browser.Json signedIn = owner.postJson("api/webauthn/passkey", assertion, origin());
        assertEquals(200, signedIn.status(), "a user-verified passkey proves both factors: " + signedIn.body());
        assertSignedInAs(owner.open("home.xhtml"), user.username());
        Browser later = browser();
        assertLockedOut(enterCode(later, signInWithPassword(later, user.username(), PASSWORD), user.app().nextCode()));
    }

    @Test
    void wrongCodesAcrossLoginsLockTheAccountForAWhile() {
        EnrolledUser user = enrolledUser("lockout");
        String wrong = user.app().wrongCode();
        Browser browser = browser();
        Browser.Page page = null;
        for (int login = 1; login <= 2; login++) { // 5 attempts per challenge, 10 per account (the defaults)
            page = signInWithPassword(browser, user.username(), PASSWORD);
            for (int attempt = 1; attempt <= 5; attempt++) {
                page = enterCode(browser, page, wrong);
            }
        }
        assertLockedOut(page);
        assertEquals(1, db.auditOfType(user.username(), "ACCOUNT_LOCKED").size());

        // The password step answers as it always does: the lockout tells a password guesser nothing.
        Browser owner = browser();
        Browser.Page again = signInWithPassword(owner, user.username(), PASSWORD);
        assertEquals("/twostep/challenge.xhtml", again.path(), again.text());
        assertShortRefusal(signInWithPassword(browser(), user.username(), "not the password"), WRONG_CREDENTIALS);
        assertLockedOut(enterCode(owner, again, user.app().nextCode()));
        assertEquals("LOCKED_OUT", lastRefusal(user).reason(), "a new password step buys no new guesses");
        assertEquals(1, db.auditOfType(user.username(), "ACCOUNT_LOCKED").size());
    }

    /** Codes refused until a time the message names; a key, a passkey or a recovery code still sign in. */
    private static void assertLockedOut(Browser.Page page) {
        assertTrue(page.status() < 500, "status " + page.status());
        assertTrue(page.messages().startsWith(LOCKED) && page.messages().endsWith(". Use a security key, a passkey or a recovery code."),
                page.text());
        assertEquals("/twostep/challenge.xhtml", page.path(), "the login goes on: another factor may be used");
    }

    @Test
    void aDisabledAccountsSignedInSessionEndsAtTheNextRecheck() throws InterruptedException {
        EnrolledUser user = enrolledUser("disabled");
        Browser browser = signedIn(user);
        db.update("update account set status = 'DISABLED' where username_key = ?", user.username());
        Thread.sleep(1_100); // the test server looks again every second (twostep.session.recheck; a minute by default)

        Browser.Page after = browser.open("home.xhtml");
        assertEquals("/twostep/login.xhtml", after.path(), "the session is nobody's now: " + after.text());
        Database.AuditRow ended = db.lastOfType(user.username(), "SESSION_ENDED");
        assertEquals("account no longer active", ended.detail());
    }

    @Test
    void sameCodeTwiceIsRefusedAsReplayed() {
        EnrolledUser user = enrolledUser("replay");
        Browser first = browser();
        Browser.Page home = enterCode(first, signInWithPassword(first, user.username(), PASSWORD), user.app().nextCode());
        assertSignedInAs(home, user.username());

        Browser second = browser();
        Browser.Page refused = enterCode(second, signInWithPassword(second, user.username(), PASSWORD), user.app().lastCode());
        assertShortRefusal(refused, "That code was already used. Wait for the next code and enter it.");
        assertEquals("TOTP_REPLAYED", lastRefusal(user).reason());
    }

    @Test
    void codeFromFiveStepsAgoIsToldLikeAWrongCodeAndAuditedAsClockSkew() {
        EnrolledUser user = enrolledUser("skew");
        Browser browser = browser();
        Browser.Page challenge = signInWithPassword(browser, user.username(), PASSWORD);
        Browser.Page refused = enterCode(browser, challenge, user.app().codeStepsFromNow(-5));
        // No oracle: the answer is the wrong code's, so a guess right for a later step is not told apart.
        assertShortRefusal(refused, "That code is not right. Check the app and try again.");
        Database.AuditRow row = lastRefusal(user);
        assertEquals("CLOCK_SKEW_SUSPECTED", row.reason());
        assertTrue(row.detail().startsWith("offsetSeconds=-150;"), row.detail());
    }

    @Test
    void challengePastItsTimeToLiveIsRefused() {
        EnrolledUser user = enrolledUser("late");
        Browser browser = browser();
        Browser.Page challenge = signInWithPassword(browser, user.username(), PASSWORD);
        assertEquals(1, db.expirePendingChallenges(user.username()));

        Browser.Page refused = enterCode(browser, challenge, user.app().nextCode());
        assertShortRefusal(refused, "Your sign-in took too long. Please sign in again.");
        assertEquals("CHALLENGE_EXPIRED", lastRefusal(user).reason());
        assertEquals("EXPIRED", db.challenges(user.username()).get(1).get(0));
    }

    @Test
    void abandonedChallengeIsSweptAndAudited() throws InterruptedException {
        EnrolledUser user = enrolledUser("abandon");
        signInWithPassword(browser(), user.username(), PASSWORD);
        assertEquals(1, db.expirePendingChallenges(user.username()));

        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (db.auditOfType(user.username(), "CHALLENGE_EXPIRED").isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        List<Database.AuditRow> swept = db.auditOfType(user.username(), "CHALLENGE_EXPIRED");
        assertEquals(1, swept.size(), "the sweeper audits the challenge it expired");
        assertEquals("CHALLENGE_EXPIRED", swept.get(0).reason());
        assertEquals("EXPIRED", db.challenges(user.username()).get(1).get(0));
    }

    @Test
    void noColumnHoldsTheTotpSecretInPlainText() {
        String username = newUsername("secret");
        db.createAccount(username, PASSWORD);
        Browser browser = browser();
        Browser.Page enroll = signInWithPassword(browser, username, PASSWORD);
        String grouped = enroll.textOf("secret");
        String base32 = grouped.replace(" ", "");
        Authenticator app = new Authenticator(grouped);
        assertSignedInAs(browser.submit(enroll, "enroll", Map.of("code", app.nextCode()), "confirm"), username);

        assertEquals(List.of(), db.columnsContaining(base32));
        assertEquals(List.of(), db.columnsContaining(grouped));
        assertEquals(List.of(), db.columnsContaining(hex(org.twostep.crypto.Base32.decode(base32))));
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    private Database.AuditRow lastRefusal(EnrolledUser user) {
        return db.lastOfType(user.username(), "SECOND_FACTOR_FAILED");
    }
}
