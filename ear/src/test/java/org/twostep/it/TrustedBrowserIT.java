package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;

/**
 * "Don't ask again on this browser", in Chromium: ticked at the second step, the next sign-in asks
 * the password only; a sensitive change still asks for the second factor; an expired or forgotten
 * trust asks for it again; a copy of an older cookie is refused and revokes the whole series, the
 * browser that held the current one included.
 */
class TrustedBrowserIT extends ChromiumIT {

    private static final String COOKIE = "twostep-trust";

    @BeforeEach
    void freshBrowser() {
        chromium.open(page("login.xhtml"));
        chromium.driver.manage().deleteAllCookies();
    }

    @Test
    void aTrustedBrowserIsAskedThePasswordOnlyButAStepUpStillAsksTheSecondFactor() {
        EnrolledUser user = enrolledUser("trusted");
        signInTrusting(user);

        Cookie cookie = chromium.driver.manage().getCookieNamed(COOKIE);
        assertNotNull(cookie, "the browser keeps the trust");
        assertTrue(cookie.isHttpOnly(), "no script reads it");
        assertEquals("Strict", cookie.getSameSite());
        assertEquals("/twostep", cookie.getPath(), "sent to TwoStep only");
        assertFalse(cookie.isSecure(), "plain HTTP here: Secure only when served over HTTPS");
        long days = Duration.between(Instant.now(), cookie.getExpiry().toInstant()).toDays();
        assertTrue(days >= 29 && days <= 30, "kept for the trust's 30 days: " + cookie.getExpiry());
        assertEquals("TRUSTED_BROWSER_ADDED", db.lastOfType(user.username(), "TRUSTED_BROWSER_ADDED").type());
        signOut();
        // The trust began a week ago: the factor it vouches for is that old, older than any step-up window.
        db.update("update trusted_browser set proven_at = ? where account_id = ?",
                java.sql.Timestamp.from(Instant.now().minus(Duration.ofDays(7))), db.accountId(user.username()));

        signInWithPassword(user.username());
        chromium.awaitPath("/twostep/home.xhtml");
        assertEquals(user.username(), chromium.text("username"));
        assertEquals("TRUSTED_BROWSER", db.lastOfType(user.username(), "LOGIN_OK").method());
        assertNotEquals(cookie.getValue(), chromium.driver.manage().getCookieNamed(COOKIE).getValue(), "a new token at each use");

        chromium.open(page("account/security.xhtml"));
        assertTrue(chromium.text("browsers").contains("Chrome on Linux"), chromium.text("browsers"));

        // Adding a key is a sensitive change: the factor proven weeks ago on this browser does not count.
        chromium.open(page("enroll/security-key.xhtml"));
        chromium.awaitPath("/twostep/challenge.xhtml");
        assertTrue(chromium.driver.findElements(org.openqa.selenium.By.id("trustBrowser")).isEmpty(),
                "a step-up offers no trust: it proves the factor anew");
    }

    @Test
    void aCopyOfAnOlderCookieIsRefusedAndRevokesTheSeries() throws InterruptedException {
        EnrolledUser user = enrolledUser("stolen");
        signInTrusting(user);
        String copied = chromium.driver.manage().getCookieNamed(COOKIE).getValue(); // what a thief took
        signOut();
        for (int day = 1; day <= 2; day++) { // the owner, on the next days: the token moves on each time
            signInWithPassword(user.username());
            chromium.awaitPath("/twostep/home.xhtml");
            signOut();
        }
        String current = chromium.driver.manage().getCookieNamed(COOKIE).getValue();
        Browser elsewhere = signedIn(user); // the owner's session on another device

        setCookie(copied); // the thief's browser
        signInWithPassword(user.username());
        chromium.awaitPath("/twostep/challenge.xhtml");
        Database.AuditRow refused = db.lastOfType(user.username(), "TRUSTED_BROWSER_REFUSED");
        assertEquals("TRUSTED_BROWSER_REUSED", refused.reason());
        assertNull(chromium.driver.manage().getCookieNamed(COOKIE), "the refused cookie is removed");
        Thread.sleep(1_100); // twostep.session.recheck is one second in the tests
        assertEquals("/twostep/login.xhtml", elsewhere.open("home.xhtml").path(),
                "every session of the account ends: the one the copy may have opened first among them");

        chromium.driver.manage().deleteAllCookies();
        setCookie(current); // the owner's browser: the series is revoked for it too
        signInWithPassword(user.username());
        chromium.awaitPath("/twostep/challenge.xhtml");
        assertEquals("TRUSTED_BROWSER_REVOKED", db.lastOfType(user.username(), "TRUSTED_BROWSER_REFUSED").reason());
    }

    @Test
    void theTokenJustReplacedComingBackAtOnceIsAskedTheSecondFactorThenRenewed() {
        EnrolledUser user = enrolledUser("twice");
        signInTrusting(user);
        String first = chromium.driver.manage().getCookieNamed(COOKIE).getValue();
        signOut();
        signInWithPassword(user.username()); // the first of a double submit, whose answer (the new token) is lost
        chromium.awaitPath("/twostep/home.xhtml");
        String lost = chromium.driver.manage().getCookieNamed(COOKIE).getValue();
        signOut();

        setCookie(first); // the browser still holds the token just replaced
        signInWithPassword(user.username());
        chromium.awaitPath("/twostep/challenge.xhtml");
        assertEquals("TRUSTED_BROWSER_UNKNOWN", db.lastOfType(user.username(), "TRUSTED_BROWSER_REFUSED").reason());
        chromium.type("code", user.app().nextCode()); // no box ticked: the series is renewed all the same
        chromium.click("verify");
        chromium.awaitPath("/twostep/home.xhtml");
        String renewed = chromium.driver.manage().getCookieNamed(COOKIE).getValue();
        assertNotEquals(first, renewed);
        assertNotEquals(lost, renewed);
        signOut();

        signInWithPassword(user.username());
        chromium.awaitPath("/twostep/home.xhtml"); // trusted again, with the renewed token
        assertEquals("TRUSTED_BROWSER", db.lastOfType(user.username(), "LOGIN_OK").method());
        signOut();

        chromium.driver.manage().deleteAllCookies();
        setCookie(lost); // whoever held the lost token (or a copy used first) is found out at once
        signInWithPassword(user.username());
        chromium.awaitPath("/twostep/challenge.xhtml");
        assertEquals("TRUSTED_BROWSER_REUSED", db.lastOfType(user.username(), "TRUSTED_BROWSER_REFUSED").reason());
    }

    @Test
    void anExpiredOrForgottenTrustAsksForTheSecondFactorAgain() {
        EnrolledUser user = enrolledUser("expiry");
        signInTrusting(user);
        signOut();
        db.update("update trusted_browser set expires_at = ? where account_id = ?",
                java.sql.Timestamp.from(Instant.now().minusSeconds(1)), db.accountId(user.username()));
        signInWithPassword(user.username());
        chromium.awaitPath("/twostep/challenge.xhtml");
        assertEquals("TRUSTED_BROWSER_EXPIRED", db.lastOfType(user.username(), "TRUSTED_BROWSER_REFUSED").reason());

        // Trusted again, then forgotten on the security page.
        chromium.click("trustBrowser");
        chromium.type("code", user.app().nextCode());
        chromium.click("verify");
        chromium.awaitPath("/twostep/home.xhtml");
        chromium.open(page("account/security.xhtml"));
        chromium.click("browsers:0:browser:revoke");
        chromium.awaitText("messages", "asked for a second factor again");
        signOut();
        signInWithPassword(user.username());
        chromium.awaitPath("/twostep/challenge.xhtml");
        assertEquals("TRUSTED_BROWSER_REVOKED", db.lastOfType(user.username(), "TRUSTED_BROWSER_REFUSED").reason());
    }

    private void signInTrusting(EnrolledUser user) {
        signInWithPassword(user.username());
        chromium.awaitPath("/twostep/challenge.xhtml");
        chromium.click("trustBrowser");
        chromium.type("code", user.app().nextCode());
        chromium.click("verify");
        chromium.awaitPath("/twostep/home.xhtml");
    }

    private void setCookie(String value) {
        chromium.open(page("login.xhtml"));
        chromium.driver.manage().deleteCookieNamed(COOKIE);
        chromium.driver.manage().addCookie(new Cookie.Builder(COOKIE, value).path("/twostep").isHttpOnly(true)
                .sameSite("Strict").expiresOn(Date.from(Instant.now().plus(Duration.ofDays(1)))).build());
    }
}
