package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;

/**
 * Passkeys the way Chromium now offers them: in the username field's autofill list (conditional
 * mediation), and kept in step with TwoStep through the Signal API, so that a passkey removed at
 * TwoStep stops being offered. A script run before each page records what the pages ask of the
 * browser; the browser's own virtual authenticator answers.
 */
class PasskeyAutofillIT extends ChromiumIT {

    /** Records each navigator.credentials.get's mediation and each Signal API call, then lets it through. */
    private static final String WATCH = String.join("\n",
            "window.__webauthn = { gets: [], signals: [] };",
            "const get = navigator.credentials.get.bind(navigator.credentials);",
            "navigator.credentials.get = (options) => { window.__webauthn.gets.push(options.mediation || 'optional'); return get(options); };",
            "for (const name of ['signalAllAcceptedCredentials', 'signalCurrentUserDetails', 'signalUnknownCredential']) {",
            "  const call = PublicKeyCredential[name];",
            "  if (call) { PublicKeyCredential[name] = (options) => { window.__webauthn.signals.push({ name, options }); return call.call(PublicKeyCredential, options); }; }",
            "}");

    private VirtualAuthenticator authenticator;
    private String watch;

    @BeforeEach
    void freshBrowser() {
        chromium.open(page("login.xhtml"));
        chromium.driver.manage().deleteAllCookies();
        authenticator = chromium.addAuthenticator();
        watch = chromium.beforeEveryPage(WATCH);
    }

    @AfterEach
    void removeAuthenticator() {
        chromium.forget(watch);
        chromium.removeAuthenticator(authenticator);
    }

    @Test
    void theUsernameFieldOffersThePasskeyAndPickingItSignsIn() {
        EnrolledUser user = enrolledUser("autofill");
        signInWithCode(user);
        register("Phone", true);
        String quiet = chromium.beforeEveryPage(BrowserIT.NO_AUTOFILL); // or the sign-out page signs in again at once
        signOut();
        chromium.forget(quiet);

        chromium.open(page("login.xhtml"));
        // Chromium's virtual authenticator picks the one passkey the autofill list offers, as a person
        // would, and the page goes on by itself (before a test could read the field).
        chromium.awaitPath("/twostep/home.xhtml");
        assertEquals(user.username(), chromium.text("username"));
        assertEquals("PASSKEY", db.lastOfType(user.username(), "LOGIN_OK").method());
    }

    @Test
    void theLoginPageAsksForTheAutofillListOnlyOnceAndTheButtonStillWorks() {
        chromium.open(page("login.xhtml"));
        assertEquals("username webauthn", chromium.driver.findElement(org.openqa.selenium.By.id("username")).getAttribute("autocomplete"));
        new org.openqa.selenium.support.ui.WebDriverWait(chromium.driver, Chromium.PATIENCE)
                .until(d -> !gets().isEmpty());
        assertEquals(List.of("conditional"), gets(), "the autofill request, made as the page loads");

        chromium.click("signInWithPasskey"); // a browser's autofill aside, the button asks for a passkey itself
        new org.openqa.selenium.support.ui.WebDriverWait(chromium.driver, Chromium.PATIENCE)
                .until(d -> gets().size() == 2);
        assertEquals(List.of("conditional", "optional"), gets(), "the autofill's request aborted, the button's made");
    }

    @Test
    void aPasskeyRemovedAtTwoStepIsNoLongerAcceptedByTheBrowsersStore() {
        EnrolledUser user = enrolledUser("signal");
        signInWithCode(user);
        register("Old key", false);
        register("Phone", true);
        chromium.open(page("account/security.xhtml"));
        List<String> before = acceptedIds();
        assertEquals(2, before.size(), "the security page tells the store the key and the passkey");

        chromium.click("keys:0:key:remove"); // "Old key"
        if (chromium.path().equals("/twostep/challenge.xhtml")) { // the step-up window passed meanwhile
            chromium.type("code", user.app().nextCode());
            chromium.click("verify");
            chromium.awaitPath("/twostep/account/security.xhtml");
            chromium.click("keys:0:key:remove");
        }
        chromium.awaitText("messages", "Removed.");
        chromium.open(page("account/security.xhtml"));
        List<String> after = acceptedIds();
        assertEquals(1, after.size(), after.toString());
        assertTrue(before.containsAll(after) && !after.contains(before.get(0)), "the removed one is left out: " + after);
        Map<?, ?> names = lastSignal("signalCurrentUserDetails");
        assertEquals(user.username(), names.get("name"));
        assertEquals("Test " + user.username(), names.get("displayName"));
    }

    private List<String> gets() {
        @SuppressWarnings("unchecked")
        List<String> gets = (List<String>) chromium.eval("return window.__webauthn ? window.__webauthn.gets : [];");
        return gets;
    }

    @SuppressWarnings("unchecked")
    private List<String> acceptedIds() {
        new org.openqa.selenium.support.ui.WebDriverWait(chromium.driver, Chromium.PATIENCE)
                .until(d -> lastSignal("signalAllAcceptedCredentials") != null);
        return (List<String>) lastSignal("signalAllAcceptedCredentials").get("allAcceptedCredentialIds");
    }

    private Map<?, ?> lastSignal(String name) {
        List<?> signals = (List<?>) chromium.eval("return window.__webauthn.signals.filter(s => s.name === arguments[0]).map(s => s.options);"
                .replace("arguments[0]", "'" + name + "'"));
        return signals.isEmpty() ? null : (Map<?, ?>) signals.get(signals.size() - 1);
    }
}
