package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twostep.webauthn.EmulatedBrowser.requestOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.twostep.webauthn.EmulatedBrowser.Key;

/**
 * A crowd at one account, and a database that cannot answer: every request gets the answer it
 * deserves (a sign-in, a refusal, or "busy, try again" with 503), every attempt is in the audit
 * trail, and nothing a database error prints about its rows reaches the log.
 */
class ContentionIT extends TwoStepIT {

    static final String BUSY = "TwoStep is busy. Nothing was changed: please try again in a moment.";
    static final int CROWD = 50;
    static final int LOCKOUT_THRESHOLD = 10;

    @Test
    void fiftyLoginsSendingOneValidCodeAtOnceSignInExactlyOnce() throws Exception {
        EnrolledUser user = enrolledUser("crowd");
        String code = user.app().nextCode();
        ServerLog.Mark mark = ServerLog.mark();
        int signInsBefore = db.auditOfType(user.username(), "LOGIN_OK").size(); // the enrollment's

        List<Browser.Page> answers = Race.of(logins(user, (browser, challenge) -> enterCode(browser, challenge, code)));

        assertEquals(1, answers.stream().filter(a -> a.path().equals("/twostep/home.xhtml")).count(), "exactly one sign-in");
        for (Browser.Page answer : answers) {
            assertTrue(answer.status() < 500, "an answer, never a server error: " + answer.status() + " " + answer.text());
        }
        List<Database.AuditRow> refused = db.auditOfType(user.username(), "SECOND_FACTOR_FAILED");
        assertEquals(CROWD - 1, refused.size(), "every other attempt audited");
        assertEquals(Set.of("TOTP_REPLAYED", "LOCKED_OUT"), refused.stream().map(Database.AuditRow::reason)
                .collect(Collectors.toSet()), "refused as replayed, then as locked once the replays reached the threshold");
        assertEquals(signInsBefore + 1, db.auditOfType(user.username(), "LOGIN_OK").size());
        assertEquals(List.of(), mark.errors());
    }

    @Test
    void fiftyWrongCodesAtOnceAreEachCountedAndLockAtExactlyTheThreshold() throws Exception {
        EnrolledUser user = enrolledUser("guesses");
        String wrong = user.app().wrongCode();
        ServerLog.Mark mark = ServerLog.mark();

        List<Browser.Page> answers = Race.of(logins(user, (browser, challenge) -> enterCode(browser, challenge, wrong)));

        for (Browser.Page answer : answers) {
            assertTrue(answer.status() < 500, "a refusal, never a server error: " + answer.status() + " " + answer.text());
        }
        Map<String, Long> reasons = db.auditOfType(user.username(), "SECOND_FACTOR_FAILED").stream()
                .collect(Collectors.groupingBy(Database.AuditRow::reason, Collectors.counting()));
        assertEquals(Map.of("TOTP_MISMATCH", (long) LOCKOUT_THRESHOLD, "LOCKED_OUT", (long) (CROWD - LOCKOUT_THRESHOLD)), reasons,
                "the first ten counted, each of the rest refused as locked: no attempt lost, none counted twice");
        assertEquals(1, db.auditOfType(user.username(), "ACCOUNT_LOCKED").size());
        assertEquals(List.of(), mark.errors());
    }

    @Test
    void aRowHeldByAnotherWriterIsAnsweredBusyAndTheLoginGoesOnAfter() throws Exception {
        EnrolledUser user = enrolledUser("held");
        String hash = db.query("select password_hash from account where username_key = ?", user.username()).get(0).get(0);
        ServerLog.Mark mark = ServerLog.mark();
        Browser browser = browser();
        Browser.Page challenge = signInWithPassword(browser, user.username(), PASSWORD);
        String code = user.app().nextCode();

        Browser.Page busy;
        try (AutoCloseable held = db.lockRows("select * from account where username_key = ? for update", user.username())) {
            busy = enterCode(browser, challenge, code);
        }

        assertEquals(503, busy.status(), busy.text());
        assertEquals("2", busy.header("Retry-After"));
        assertShortBusy(busy);
        assertEquals("SERVICE_BUSY", db.lastOfType(user.username(), "SECOND_FACTOR_FAILED").reason(), "the busy attempt is audited");
        List<Database.Row> challenges = db.challenges(user.username());
        assertEquals(List.of("PENDING", "0"), List.of(challenges.get(challenges.size() - 1).get(0),
                challenges.get(challenges.size() - 1).get(1)), "nothing half-written: the challenge is as it was");
        assertSignedInAs(enterCode(browser, busy, code), user.username());
        assertEquals(List.of(), mark.errors());
        assertEquals(List.of(), mark.linesContaining(hash, hash.substring(hash.lastIndexOf(':') + 1), user.app().secretText(), code),
                "no password hash, secret or code in the log");
        assertEquals(1, mark.linesContaining("Database fault in").size(), "one line for the fault: " + mark.since());
    }

    @Test
    void aConstraintViolationIsAnsweredBusyAndLoggedWithoutItsValues() throws Exception {
        EnrolledUser user = enrolledUser("violated");
        String hash = db.query("select password_hash from account where username_key = ?", user.username()).get(0).get(0);
        String constraint = "it_" + user.username().replace('-', '_');
        // Another writer's rule, which this account's next failure count breaks.
        db.update("alter table account add constraint " + constraint + " check (failed_second_factors = 0 or username_key <> '"
                + user.username() + "')");
        ServerLog.Mark mark = ServerLog.mark();
        Browser.Page busy;
        try {
            Browser browser = browser();
            busy = enterCode(browser, signInWithPassword(browser, user.username(), PASSWORD), user.app().wrongCode());
        } finally {
            db.update("alter table account drop constraint " + constraint);
        }
        assertEquals(503, busy.status(), busy.text());
        assertShortBusy(busy);
        assertEquals("0", db.query("select failed_second_factors from account where username_key = ?", user.username())
                .get(0).get(0), "the count rolled back with the step");
        assertEquals(List.of(), mark.errors());
        assertEquals(List.of(), mark.linesContaining(hash, user.username(), constraint), "no row value in the log");
        assertEquals(1, mark.linesContaining("Database fault in").size(), "one line for the fault: " + mark.since());
    }

    @Test
    void tenLoginsConfirmingAFirstAppAtOnceLeaveExactlyOneApp() throws Exception {
        String username = newUsername("first-app");
        db.createAccount(username, PASSWORD);
        List<Callable<Browser.Page>> confirmations = new ArrayList<>();
        for (int i = 0; i < 10; i++) { // ten logins, each shown an enrollment of its own, as if the password were shared
            Browser browser = browser();
            Browser.Page enroll = signInWithPassword(browser, username, PASSWORD);
            assertEquals("/twostep/enroll/totp.xhtml", enroll.path(), enroll.text());
            String code = new Authenticator(enroll.textOf("secret")).nextCode();
            confirmations.add(() -> browser.submit(enroll, "enroll", Map.of("code", code), "confirm"));
        }
        List<Browser.Page> answers = Race.of(confirmations);

        assertEquals(1, answers.stream().filter(a -> a.path().equals("/twostep/home.xhtml")).count(), "exactly one sign-in");
        answers.forEach(a -> assertTrue(a.status() < 500, a.status() + " " + a.text()));
        assertEquals("1", db.query("select count(*) from totp_authenticator t join account a on a.id = t.account_id"
                + " where a.username_key = ? and t.status = 'ACTIVE'", username).get(0).get(0), "exactly one app");
        assertEquals(9, db.auditOfType(username, "SECOND_FACTOR_FAILED").stream()
                .filter(r -> r.reason().equals("ENROLLMENT_NOT_PENDING")).count(), "the others refused, each audited");
    }

    @Test
    void twentyAnswersWithOnePasskeySignatureSignInExactlyOnce() throws Exception {
        EnrolledUser user = enrolledUser("one-signature");
        Key passkey = registerKey(user, true);
        Browser browser = browser();
        String assertion = passkey.sign(origin(), requestOptions(options(browser, "passkey/options")));
        List<Callable<Browser.Json>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(() -> browser.postJson("api/webauthn/passkey", assertion, origin()));
        }
        List<Browser.Json> results = Race.of(answers);

        assertEquals(1, results.stream().filter(r -> r.status() == 200).count(), results.toString());
        results.forEach(r -> assertTrue(r.status() < 500, r.status() + " " + r.body()));
        assertEquals(1, db.auditOfType(user.username(), "LOGIN_OK").stream().filter(r -> "PASSKEY".equals(r.method())).count());
    }

    private static void assertShortBusy(Browser.Page page) {
        assertEquals(BUSY, page.messages(), page.text());
        assertTrue(!page.text().contains("Exception"), page.text());
    }

    /** {@value #CROWD} sessions past the password step, each with the step that races prepared. */
    private List<Callable<Browser.Page>> logins(EnrolledUser user, BiFunction<Browser, Browser.Page, Browser.Page> step) {
        List<Callable<Browser.Page>> steps = new ArrayList<>();
        for (int i = 0; i < CROWD; i++) {
            Browser browser = browser();
            Browser.Page challenge = signInWithPassword(browser, user.username(), PASSWORD);
            assertEquals("/twostep/challenge.xhtml", challenge.path(), challenge.text());
            steps.add(() -> step.apply(browser, challenge));
        }
        return steps;
    }
}
