package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A password change on the security page, over HTTP: the rules' refusals, each with a short message
 * and audited; then a change that ends the account's other sessions and revokes its trusted
 * browsers, after which only the new password signs in.
 */
class PasswordChangeIT extends TwoStepIT {

    private static final String NEW_PASSWORD = "plum tea in the garden";

    @Test
    void aRefusedNewPasswordIsToldShortlyAndChangesNothing() {
        EnrolledUser user = enrolledUser("rules");
        Browser browser = signedIn(user);
        Browser.Page form = browser.open("account/password.xhtml");
        assertEquals("/twostep/account/password.xhtml", form.path(), "the second factor was just proven: no step-up");

        assertShortRefusal(change(browser, form, "not my password", NEW_PASSWORD, NEW_PASSWORD), "Your current password is not right.");
        assertShortRefusal(change(browser, browser.open("account/password.xhtml"), PASSWORD, "iloveyou", "iloveyou"),
                "That password is one of the most common ones, which attackers try first. Choose another.");
        assertShortRefusal(change(browser, browser.open("account/password.xhtml"), PASSWORD, "short", "short"),
                "Choose a new password of 8 to 128 characters. A few words make a good one.");
        assertShortRefusal(change(browser, browser.open("account/password.xhtml"), PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "!"),
                "The two new passwords differ. Type the same one twice.");

        List<String> reasons = db.query("select reason from audit_event where account_id = ? and type = 'PASSWORD_CHANGE_REFUSED'"
                + " order by id", db.accountId(user.username())).stream().map(row -> row.get(0)).toList();
        assertEquals(List.of("PASSWORD_WRONG", "PASSWORD_COMMON", "PASSWORD_LENGTH", "PASSWORD_REPEAT_MISMATCH"), reasons);
        Browser.Page challenge = signInWithPassword(browser(), user.username(), PASSWORD);
        assertEquals("/twostep/challenge.xhtml", challenge.path(), "the old password still signs in");
    }

    @Test
    void aNewPasswordEndsTheOtherSessionsAndTheTrustedBrowsers() throws InterruptedException {
        EnrolledUser user = enrolledUser("change");
        Browser other = browser(); // signed in elsewhere, and trusted there
        Browser.Page challenge = signInWithPassword(other, user.username(), PASSWORD);
        assertSignedInAs(other.submit(challenge, "challenge", Map.of("code", user.app().nextCode(), "trustBrowser", "on"), "verify"),
                user.username());
        long accountId = db.accountId(user.username());
        assertEquals(1, db.query("select id from trusted_browser where account_id = ? and revoked_at is null", accountId).size());

        Browser pending = browser(); // a login whose password step comes before the change
        Browser.Page pendingChallenge = signInWithPassword(pending, user.username(), PASSWORD);
        assertEquals("/twostep/challenge.xhtml", pendingChallenge.path());

        Browser browser = signedIn(user);
        Browser.Page security = change(browser, browser.open("account/password.xhtml"), PASSWORD, NEW_PASSWORD, NEW_PASSWORD);
        assertEquals("/twostep/account/security.xhtml", security.path(), security.text());
        assertTrue(security.messages().startsWith("Your password was changed."), security.messages());
        assertEquals("PASSWORD_CHANGED", db.lastOfType(user.username(), "PASSWORD_CHANGED").type());
        assertEquals(0, db.query("select id from trusted_browser where account_id = ? and revoked_at is null", accountId).size(),
                "no browser skips the second step any more");

        Thread.sleep(1_100); // twostep.session.recheck is one second in the tests: the other session looks at its account
        assertEquals("/twostep/login.xhtml", other.open("home.xhtml").path(), "the other session is over");
        assertSignedInAs(browser.open("home.xhtml"), user.username());

        assertShortRefusal(enterCode(pending, pendingChallenge, user.app().nextCode()), "No sign-in is in progress. Please sign in.");
        Browser.Page refused = signInWithPassword(browser(), user.username(), PASSWORD);
        assertEquals("/twostep/login.xhtml", refused.path(), "the old password no longer signs in");
        Browser.Page next = signInWithPassword(browser(), user.username(), NEW_PASSWORD);
        assertEquals("/twostep/challenge.xhtml", next.path(), "the new one does, and the second factor is asked");
    }

    private Browser.Page change(Browser browser, Browser.Page form, String current, String next, String repeated) {
        return browser.submit(form, "password", Map.of("current", current, "next", next, "repeated", repeated), "change");
    }
}
