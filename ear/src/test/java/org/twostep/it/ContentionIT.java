package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

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
