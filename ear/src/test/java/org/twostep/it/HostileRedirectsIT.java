package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twostep.webauthn.EmulatedBrowser.requestOptions;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.twostep.webauthn.EmulatedBrowser.Key;

/**
 * No address TwoStep returns after a sign-in leads to another site, whatever link started it: the
 * page the login returns to is rebuilt from what the server routed on, never the raw request URI.
 * Each link below is opened before signing in; then the sign-in's answers (the redirect after the
 * app's code, the address the security-key endpoint returns to the page's script) must be TwoStep's.
 */
class HostileRedirectsIT extends TwoStepIT {

    private static final List<String> LINKS = List.of(
            "//evil.example/%2e%2e;/twostep/home.xhtml",
            "//evil.example/..;/twostep/home.xhtml",
            "/%2F%2Fevil.example/%2e%2e;/twostep/home.xhtml",
            "//evil.example@127.0.0.1/%2e%2e;/twostep/home.xhtml",
            "/twostep/..;//evil.example/..;/twostep/home.xhtml",
            "/twostep/account/security.xhtml?next=https://evil.example/",
            "/twostep/%2e%2e;/twostep/home.xhtml");

    @Test
    void afterAnyLinkTheSecurityKeySignInReturnsToAPageOfTwoStep() {
        EnrolledUser user = enrolledUser("redirect");
        Key key = registerKey(user, false);
        for (String link : LINKS) {
            Browser browser = browser();
            Browser.Raw opened = browser.getRawPath(link);
            assertTrue(opened.status() < 500, link + ": " + opened.status());
            Browser.Page challenge = signInWithPassword(browser, user.username(), PASSWORD);
            assertEquals("/twostep/challenge.xhtml", challenge.path(), link);
            String assertion = key.sign(origin(), requestOptions(options(browser, "authentication/options")));
            Browser.Json answer = browser.postJson("api/webauthn/authentication", assertion, origin());
            assertEquals(200, answer.status(), link + ": " + answer.body());
            assertOwnPage(json(answer).get("redirect").asString(), link);
        }
    }

    @Test
    void afterAnyLinkTheAppCodeSignInReturnsToAPageOfTwoStep() {
        EnrolledUser user = enrolledUser("redirect-app");
        for (String link : LINKS.subList(0, 1)) { // one app code per 30-second step: the pages' path once, the key's for all
            Browser browser = browser();
            browser.getRawPath(link);
            Browser.Page challenge = signInWithPassword(browser, user.username(), PASSWORD);
            Browser.Raw signedIn = browser.submitWithoutFollowing(challenge, "challenge",
                    Map.of("code", user.app().nextCode()), "verify");
            assertOwnPage(signedIn.header("Location"), link);
        }
    }

    /** An address a browser resolves to a page of TwoStep on this server: a path under /twostep/, or this origin's. */
    private void assertOwnPage(String address, String link) {
        String path = address.startsWith(origin()) ? address.substring(origin().length()) : address;
        assertTrue(path.startsWith("/twostep/"), link + " led to " + address);
        assertFalse(path.startsWith("//") || path.contains("\\") || path.contains("evil.example") && !path.contains("?"),
                link + " led to " + address);
    }
}
