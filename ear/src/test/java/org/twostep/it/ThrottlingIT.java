package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a guesser meets: a client address gets so many password attempts and unauthenticated
 * requests a minute (the defaults, 30 and 60), and a username's password step waits after 10 wrong
 * passwords, answering every password alike, for accounts and unknown usernames the same.
 */
class ThrottlingIT extends TwoStepIT {

    static final String TOO_MANY = "Too many attempts. Try again at ";

    @Test
    void oneAddressGetsThirtyPasswordAttemptsAMinuteAndAnotherAddressIsNotHeldUp() {
        EnrolledUser user = enrolledUser("flood");
        Browser flood = browser();
        for (int i = 0; i < 30; i++) { // one username each, so that only the address's limit is met
            assertShortRefusal(signInWithPassword(flood, newUsername("nobody"), "guess " + i), LoginFlowIT.WRONG_CREDENTIALS);
        }
        Browser.Page limited = signInWithPassword(flood, user.username(), PASSWORD);
        assertEquals(429, limited.status(), limited.text());
        assertTrue(limited.messages().startsWith(TOO_MANY), limited.text());
        assertNotNull(limited.header("Retry-After"));
        assertTrue(Integer.parseInt(limited.header("Retry-After")) <= 60, limited.header("Retry-After"));
        Database.AuditRow audited = db.lastOfType(user.username(), "FIRST_FACTOR_FAILED");
        assertEquals(List.of("RATE_LIMITED", "client address"), List.of(audited.reason(), audited.detail()));

        Browser elsewhere = browser();
        assertEquals("/twostep/challenge.xhtml", signInWithPassword(elsewhere, user.username(), PASSWORD).path(),
                "the owner, at another address, signs in");
    }

    @Test
    void tenWrongPasswordsMakeTheUsernameWaitAndEveryPasswordIsThenAnsweredAlike() {
        EnrolledUser user = enrolledUser("guessed");
        String unknown = newUsername("unknown");
        for (int i = 0; i < 10; i++) { // each from an address of its own: the guesser has many
            assertShortRefusal(signInWithPassword(browser(), user.username(), "wrong " + i), LoginFlowIT.WRONG_CREDENTIALS);
            assertShortRefusal(signInWithPassword(browser(), unknown, "wrong " + i), LoginFlowIT.WRONG_CREDENTIALS);
        }
        assertEquals(1, db.auditOfType(user.username(), "ACCOUNT_LOCKED").size());

        Browser.Page right = signInWithPassword(browser(), user.username(), PASSWORD);
        Browser.Page wrong = signInWithPassword(browser(), user.username(), "wrong again");
        Browser.Page nobody = signInWithPassword(browser(), unknown, "wrong again");
        for (Browser.Page page : List.of(right, wrong, nobody)) {
            assertEquals(429, page.status(), page.text());
            assertTrue(page.messages().startsWith(TOO_MANY), page.text());
        }
        assertEquals(right.messages().substring(0, TOO_MANY.length()), nobody.messages().substring(0, TOO_MANY.length()));
        assertEquals("RATE_LIMITED", db.lastOfType(user.username(), "FIRST_FACTOR_FAILED").reason(),
                "the right password during the wait is refused unchecked");
        assertEquals(0, db.auditOfType(user.username(), "FIRST_FACTOR_OK").size() - 1, "only the enrollment's sign-in passed");
    }

    @Test
    void oneAddressOpensSixtyPasskeySignInsAMinuteThenGets429WithRetryAfter() {
        Browser flood = browser();
        for (int i = 0; i < 60; i++) {
            Browser.Json options = flood.postJson("api/webauthn/passkey/options", "", origin());
            assertEquals(200, options.status(), options.body());
        }
        Browser.Json limited = flood.postJson("api/webauthn/passkey/options", "", origin());
        assertEquals(429, limited.status(), limited.body());
        assertTrue(limited.body().contains(TOO_MANY), limited.body());
        assertNotNull(limited.header("Retry-After"), "a script is told when to try again");
        assertEquals(200, browser().postJson("api/webauthn/passkey/options", "", origin()).status(), "another address is not held up");
    }
}
