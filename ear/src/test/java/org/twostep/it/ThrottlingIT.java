package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
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
        int allowed = 0;
        Browser.Page limited = null;
        for (int i = 0; i < 40 && limited == null; i++) { // one username each, so that only the address's limit is met
            Browser.Page answer = signInWithPassword(flood, i < 30 ? newUsername("nobody") : user.username(), "guess " + i);
            if (answer.status() == 429) {
                limited = answer;
            } else {
                assertShortRefusal(answer, LoginFlowIT.WRONG_CREDENTIALS);
                allowed++;
            }
        }
        // 30 at once, and the allowance refills evenly (one every 2 s) while the test sends them.
        assertTrue(allowed >= 30 && allowed < 40, allowed + " password attempts from one address before a refusal");
        assertNotNull(limited, "refused within 40");
        assertEquals(429, limited.status(), limited.text());
        assertTrue(limited.messages().startsWith(TOO_MANY), limited.text());
        assertNotNull(limited.header("Retry-After"));
        assertTrue(Integer.parseInt(limited.header("Retry-After")) <= 60, limited.header("Retry-After"));
        Database.AuditRow audited = db.lastOfType(user.username(), "FIRST_FACTOR_FAILED");
        assertEquals("RATE_LIMITED", audited.reason());
        assertTrue(audited.detail().startsWith("client address"), audited.detail());
        Browser.Page again = signInWithPassword(flood, user.username(), "guess again");
        if (again.status() == 429) { // still the same streak (unless the allowance refilled in between)
            assertEquals(1, db.auditOfType(user.username(), "FIRST_FACTOR_FAILED").stream()
                    .filter(r -> "RATE_LIMITED".equals(r.reason())).count(), "a streak of refusals is written once");
        }

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
        assertEquals(1, db.auditOfType(user.username(), "PASSWORD_WAIT_STARTED").size());

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
    void wrongPasswordsSentAtOnceBuyNoMoreThanTheThreshold() throws Exception {
        EnrolledUser user = enrolledUser("burst");
        List<java.util.concurrent.Callable<Browser.Page>> guesses = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) { // each from an address of its own
            String password = "wrong " + i;
            Browser browser = browser();
            Browser.Page login = browser.open("login.xhtml");
            guesses.add(() -> browser.submit(login, "login", Map.of("username", user.username(), "password", password), "signIn"));
        }
        List<Browser.Page> answers = Race.of(guesses);

        long told = answers.stream().filter(a -> LoginFlowIT.WRONG_CREDENTIALS.equals(a.messages())).count();
        assertTrue(told <= 10, told + " answers said the password was wrong: the ones decided after the tenth must not");
        for (Browser.Page answer : answers) {
            boolean wrong = LoginFlowIT.WRONG_CREDENTIALS.equals(answer.messages());
            assertTrue(wrong || answer.status() == 429 || answer.status() == 503, answer.status() + " " + answer.text());
        }
        Browser.Page right = signInWithPassword(browser(), user.username(), PASSWORD);
        assertEquals(429, right.status(), "the right password after them is told the same: " + right.text());
    }

    @Test
    void oneAddressOpensSixtyPasskeySignInsAMinuteThenGets429WithRetryAfter() {
        Browser flood = browser();
        int allowed = 0;
        Browser.Json limited = null;
        for (int i = 0; i < 80 && limited == null; i++) {
            Browser.Json options = flood.postJson("api/webauthn/passkey/options", "", origin());
            if (options.status() == 429) {
                limited = options;
            } else {
                assertEquals(200, options.status(), options.body());
                allowed++;
            }
        }
        assertTrue(allowed >= 60 && allowed < 80, allowed + " passkey sign-ins opened from one address before a refusal");
        assertNotNull(limited, "refused within 80");
        assertTrue(limited.body().contains(TOO_MANY), limited.body());
        assertNotNull(limited.header("Retry-After"), "a script is told when to try again");
        assertEquals("1", db.query("select count(*) from audit_event where reason = 'RATE_LIMITED' and method = 'PASSKEY'"
                + " and client_address = ?", flood.address()).get(0).get(0), "audited RATE_LIMITED, once for the streak");
        assertEquals(200, browser().postJson("api/webauthn/passkey/options", "", origin()).status(), "another address is not held up");
    }
}
