package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets a short answer on the page, and changes nothing but the audit trail: a 4xx, nobody
 * signed in, no ERROR (nor stack trace) in the server's log.
 */
class BadInputIT extends TwoStepIT {

    static final String BAD_USERNAME = "Enter your username (up to 64 letters, digits or . _ - @ +) and your password.";
    static final String BAD_CODE = "Enter the code from your authenticator app: digits only, nothing else.";

    @Test
    void unusableUsernamesAreRefusedAndAudited() {
        long challengesBefore = pendingChallenges();
        assertShortRefusal(signInWithPassword(browser(), "", PASSWORD), BAD_USERNAME);
        assertShortRefusal(signInWithPassword(browser(), "x".repeat(300), PASSWORD), BAD_USERNAME);
        String withControl = "bad\u0007name\u001b";
        assertShortRefusal(signInWithPassword(browser(), withControl, PASSWORD), BAD_USERNAME);
        assertShortRefusal(signInWithPassword(browser(), "bad name", PASSWORD), BAD_USERNAME);
        assertEquals("INVALID_INPUT", db.auditOfType("bad name", "FIRST_FACTOR_FAILED").get(0).reason());
        assertEquals(challengesBefore, pendingChallenges(), "no challenge was opened");
    }

    private long pendingChallenges() {
        return db.query("select count(*) from pending_challenge").get(0).getLong(0);
    }

    @Test
    void malformedCodesAreRefusedWithoutSigningIn() {
        EnrolledUser user = enrolledUser("malformed");
        Browser browser = browser();
        Browser.Page page = signInWithPassword(browser, user.username(), PASSWORD);
        for (String code : new String[] {"1234567", "12a456", "", "١٢٣٤٥٦"}) {
            page = enterCode(browser, page, code);
            assertShortRefusal(page, BAD_CODE);
        }
        assertEquals("/twostep/login.xhtml", browser.open("home.xhtml").path(), "still not signed in");
        assertEquals(4, db.auditOfType(user.username(), "SECOND_FACTOR_FAILED").stream()
                .filter(r -> r.reason().equals("MALFORMED_CODE")).count());
        List<Database.Row> challenges = db.challenges(user.username());
        assertEquals("0", challenges.get(challenges.size() - 1).get(1), "what cannot be a code is no guess: not counted");
        assertEquals("0", db.query("select failed_second_factors from account where username_key = ?", user.username())
                .get(0).get(0));
    }

    @Test
    void challengePageInANewSessionSaysThereIsNothingToVerify() {
        Browser.Page page = browser().open("challenge.xhtml");
        assertEquals(200, page.status());
        assertTrue(page.textOf("noChallenge").contains("No sign-in is waiting"), page.text());
    }

    @Test
    void backButtonAfterLoginResubmittingTheCodeIsRefusedCalmly() {
        EnrolledUser user = enrolledUser("back");
        Browser browser = browser();
        Browser.Page challenge = signInWithPassword(browser, user.username(), PASSWORD);
        assertSignedInAs(enterCode(browser, challenge, user.app().nextCode()), user.username());

        int refusalsBefore = db.auditOfType(user.username(), "SECOND_FACTOR_FAILED").size();
        Browser.Page resubmitted = enterCode(browser, challenge, user.app().lastCode());
        assertSignedInAs(resubmitted, user.username());
        assertEquals("You are already signed in.", resubmitted.messages());
        assertEquals(refusalsBefore, db.auditOfType(user.username(), "SECOND_FACTOR_FAILED").size());
        assertSignedInAs(browser.open("home.xhtml"), user.username());
        assertEquals("/twostep/home.xhtml", browser.open("login.xhtml").path(), "the login page sends a signed-in user home");
    }

    @Test
    void codePostedWithNoPendingChallengeIsRefused() {
        Browser browser = browser();
        EnrolledUser user = enrolledUser("nopending");
        Browser.Page challenge = signInWithPassword(browser, user.username(), PASSWORD);
        browser.submit(browser.open("login.xhtml"), "login", Map.of("username", user.username(), "password", "wrong"), "signIn");
        Browser.Page refused = enterCode(browser, challenge, user.app().nextCode());
        assertShortRefusal(refused, "No sign-in is in progress. Please sign in.");
    }

    @Test
    void aForgedOrStaleViewStateGetsTheExpiredPageWith400AndNoErrorInTheLog() throws IOException {
        ServerLog.Mark mark = ServerLog.mark();
        for (String forged : List.of("x", "-1:-1", "", "1:2:3", "%00", "<script>alert(1)</script>", "9".repeat(10_000))) {
            Browser browser = browser();
            Browser.Page login = browser.open("login.xhtml");
            Browser.Page answer = browser.submit(login, "login", Map.of("username", "admin", "password", "whatever",
                    "jakarta.faces.ViewState", forged), "signIn");
            assertEquals(400, answer.status(), forged.length() > 40 ? "a long value" : forged);
            assertTrue(answer.text().contains("This page has expired"), answer.text());
            assertEquals("/twostep/login.xhtml", browser.open("home.xhtml").path(), "nobody signed in");
        }
        assertEquals(List.of(), mark.errors(), "no ERROR in the server log for a client's mistake");
    }

    @Test
    void theDataDirectoryAndTheDatabaseFilesAreTheOwnersOnly() throws IOException {
        Path data = Path.of(System.getProperty("twostep.it.base.dir"), "data", "twostep");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("twostep.mv.db"))));
    }
}
