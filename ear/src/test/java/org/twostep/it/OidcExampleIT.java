package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The example application hello-oidc, which has no TwoStep code in it: WildFly's own OIDC client
 * (elytron-oidc-client, configured by wildfly-config/configure-examples.cli) signs its users in at
 * TwoStep. Driven from outside like a browser: the application's page, TwoStep's two steps, back at
 * the application with the caller, roles and how the second factor was proven; single sign-on after
 * the application's own session ends.
 */
class OidcExampleIT extends TwoStepIT {

    private static final String SECURED = "/hello-oidc/secured/";

    @Test
    void theApplicationSignsInThroughTwoStepsAtTwoStepAndGetsRolesAndAssurance() {
        EnrolledUser user = enrolledUser("hello");
        Browser browser = browser();

        Browser.Page app = signInAtApplication(browser, SECURED, user); // through WildFly's OIDC client

        assertEquals(SECURED, app.path(), app.text());
        assertEquals(user.username(), app.textOf("username"));
        assertEquals("true", app.textOf("is-user"), "TwoStep's groups are the application's roles");
        assertEquals("false", app.textOf("is-admin"));
        assertEquals("mfa", app.textOf("acr"));
        assertEquals("pwd otp mfa", app.textOf("amr"));
        long authTime = Long.parseLong(app.textOf("auth-time"));
        assertTrue(Math.abs(Instant.now().getEpochSecond() - authTime) < 60, "auth_time is when the code was entered");

        assertEquals(403, browser.open("/hello-oidc/admin/").status(), "not an administrator");
    }

    @Test
    void afterTheApplicationsOwnSessionEndsItSignsInAgainWithoutAPage() {
        EnrolledUser user = enrolledUser("sso");
        Browser browser = browser();
        assertEquals(SECURED, signInAtApplication(browser, SECURED, user).path());
        int passwordSteps = db.auditOfType(user.username(), "FIRST_FACTOR_OK").size();

        Browser.Page out = browser.open("/hello-oidc/logout");
        assertEquals("Nobody is signed in.", out.textOf("status"));
        assertEquals("client=hello-oidc", db.lastOfType(user.username(), "OIDC_GRANT_ENDED").detail(),
                "WildFly's client told TwoStep, from the server, to end the application's grant");
        Browser.Page again = browser.open(SECURED);
        assertEquals(SECURED, again.path(), "no page of TwoStep's: " + again.text());
        assertEquals(user.username(), again.textOf("username"));
        assertEquals(passwordSteps, db.auditOfType(user.username(), "FIRST_FACTOR_OK").size(), "no password asked again");
        assertEquals(2, db.auditOfType(user.username(), "OIDC_TOKEN_ISSUED").size());
    }

    @Test
    void maxAgeOnTheApplicationsAddressReachesTwoStepWhichAsksForTheSecondFactorOnly() {
        EnrolledUser user = enrolledUser("fresh");
        Browser browser = browser();
        long firstAuthTime = Long.parseLong(signInAtApplication(browser, SECURED, user).textOf("auth-time"));
        int passwordSteps = db.auditOfType(user.username(), "FIRST_FACTOR_OK").size();
        browser.open("/hello-oidc/logout");

        Browser.Page stepUp = browser.open(SECURED + "?max_age=0");
        assertEquals("/twostep/challenge.xhtml", stepUp.path(), "WildFly's client passed max_age on: " + stepUp.text());
        Browser.Page app = enterCode(browser, stepUp, user.app().nextCode());
        assertEquals(SECURED, app.path(), app.text());
        assertTrue(Long.parseLong(app.textOf("auth-time")) >= firstAuthTime);
        assertEquals(passwordSteps, db.auditOfType(user.username(), "FIRST_FACTOR_OK").size(), "no password");
        assertEquals(1, db.auditOfType(user.username(), "STEP_UP_OK").size());

        assertEquals("/hello-oidc/recent/", browser.open("/hello-oidc/recent/").path(), "fresh: the page shows");
    }

    @Test
    void theApplicationsSessionOutlivesItsAccessTokenByRefreshingIt() throws InterruptedException {
        EnrolledUser user = enrolledUser("refresh");
        Browser browser = browser();
        long authTime = Long.parseLong(signInAtApplication(browser, SECURED, user).textOf("auth-time"));
        int codes = db.auditOfType(user.username(), "OIDC_CODE_ISSUED").size();

        // arquillian.xml makes tokens live 15 seconds (5 minutes by default).
        Thread.sleep(16_000);
        Browser.Page app = browser.open(SECURED);
        assertEquals(SECURED, app.path(), "still signed in at the application: " + app.text());
        assertEquals(user.username(), app.textOf("username"));
        assertEquals(authTime, Long.parseLong(app.textOf("auth-time")), "the refreshed ID token tells the original sign-in");
        assertEquals("client=hello-oidc", db.lastOfType(user.username(), "OIDC_TOKEN_REFRESHED").detail(),
                "WildFly's client used its refresh token");
        assertEquals(codes, db.auditOfType(user.username(), "OIDC_CODE_ISSUED").size(), "not sent back to TwoStep");
    }
}
