package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The example application hello-jakarta: Jakarta Security's own OpenID Connect mechanism (one
 * annotation) signs its users in at TwoStep; then hello-oidc, the other example, signs the same user
 * in with no page at all: single sign-on across applications with two different clients.
 */
class JakartaExampleIT extends TwoStepIT {

    @Test
    void jakartaSecuritysOpenIdMechanismSignsInThenTheOtherApplicationHasSingleSignOn() {
        EnrolledUser user = enrolledUser("jakarta");
        Browser browser = browser();

        Browser.Page app = signInAtApplication(browser, "/hello-jakarta/secured/", user); // through Jakarta Security
        assertEquals("/hello-jakarta/secured/", app.path(), app.text());
        assertEquals(user.username(), app.textOf("username"));
        assertEquals("true", app.textOf("is-user"), "TwoStep's groups claim gives the roles");
        assertEquals("false", app.textOf("is-admin"));
        assertEquals("mfa", app.textOf("acr"));
        assertEquals("pwd otp mfa", app.textOf("amr"));
        int passwordSteps = db.auditOfType(user.username(), "FIRST_FACTOR_OK").size();

        Browser.Page other = browser.open("/hello-oidc/secured/");
        assertEquals("/hello-oidc/secured/", other.path(), "signed in without a page: " + other.text());
        assertEquals(user.username(), other.textOf("username"));
        assertEquals(passwordSteps, db.auditOfType(user.username(), "FIRST_FACTOR_OK").size());
    }

    @Test
    void signingOutOfTheApplicationSignsOutOfTwoStepAndComesBack() {
        EnrolledUser user = enrolledUser("jakarta-out");
        Browser browser = browser();
        assertEquals("/hello-jakarta/secured/", signInAtApplication(browser, "/hello-jakarta/secured/", user).path());
        int logouts = db.auditOfType(user.username(), "LOGOUT").size();

        Browser.Page back = browser.open("/hello-jakarta/logout");
        assertEquals("/hello-jakarta/", back.path(), "back at the application's public page: " + back.uri());
        assertEquals(logouts + 1, db.auditOfType(user.username(), "LOGOUT").size(), "TwoStep's session ended");
        assertEquals("/twostep/login.xhtml", browser.open("/hello-jakarta/secured/").path(), "signing in again asks again");
    }

    @Test
    void aLogoutLinkWithoutAHintEndsNothingAndAStrangeReturnAddressIsNeverFollowed() {
        EnrolledUser user = enrolledUser("logout-csrf");
        Browser browser = signedIn(user);
        Browser.Raw unhinted = browser.get("api/oidc/logout?client_id=hello-jakarta");
        assertEquals("/twostep/home.xhtml", unhinted.location().getPath(), "TwoStep's own page, with its Sign out button");
        assertEquals(user.username(), browser.open("home.xhtml").textOf("username"), "still signed in");

        Browser.Raw strange = browser.get("api/oidc/logout?client_id=hello-jakarta&post_logout_redirect_uri="
                + java.net.URLEncoder.encode("https://evil.example/", java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(400, strange.status());
        assertEquals(null, strange.location());
    }

    @Test
    void theApplicationsSessionOutlivesItsTokens() throws InterruptedException {
        EnrolledUser user = enrolledUser("jakarta-expiry");
        Browser browser = browser();
        assertEquals("/hello-jakarta/secured/", signInAtApplication(browser, "/hello-jakarta/secured/", user).path());
        int codes = db.auditOfType(user.username(), "OIDC_CODE_ISSUED").size();
        int passwordSteps = db.auditOfType(user.username(), "FIRST_FACTOR_OK").size();

        Thread.sleep(16_000); // arquillian.xml makes tokens live 15 seconds
        Browser.Page app = browser.open("/hello-jakarta/secured/");
        assertEquals("/hello-jakarta/secured/", app.path(), app.text());
        assertEquals(user.username(), app.textOf("username"));
        // Jakarta Security's mechanism keeps its own session and, without tokenAutoRefresh, does not look at the
        // tokens' expiry: nothing is asked of TwoStep.
        assertEquals(codes, db.auditOfType(user.username(), "OIDC_CODE_ISSUED").size());
        assertEquals(0, db.auditOfType(user.username(), "OIDC_TOKEN_REFRESHED").size());
        assertEquals(passwordSteps, db.auditOfType(user.username(), "FIRST_FACTOR_OK").size());
    }
}
