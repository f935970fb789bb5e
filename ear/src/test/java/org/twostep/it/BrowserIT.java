package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;

/**
 * Every second factor in a real browser: Chromium with a virtual authenticator (CTAP2, internal
 * transport, resident keys, user verification) for security keys and passkeys. The browser is made
 * one without passkey autofill (conditional mediation), which PasskeyAutofillIT tests: here the
 * buttons are what a person uses.
 */
class BrowserIT extends ChromiumIT {

    /** A browser that cannot offer passkeys in the username field's autofill list. */
    static final String NO_AUTOFILL = "if (window.PublicKeyCredential) { PublicKeyCredential.isConditionalMediationAvailable = undefined; }";

    private VirtualAuthenticator authenticator;
    private String noAutofill;

    @BeforeEach
    void freshBrowserSession() {
        chromium.open(page("login.xhtml"));
        chromium.driver.manage().deleteAllCookies();
        authenticator = chromium.addAuthenticator();
        noAutofill = chromium.beforeEveryPage(NO_AUTOFILL);
    }

    @AfterEach
    void removeAuthenticator() {
        chromium.forget(noAutofill);
        chromium.removeAuthenticator(authenticator);
    }

    @Test
    void securityKeyIsRegisteredThenUsedAfterThePassword() {
        EnrolledUser user = enrolledUser("key");
        signInWithPassword(user.username());
        chromium.type("code", user.app().nextCode());
        chromium.click("verify");
        chromium.awaitPath("/twostep/home.xhtml");

        register("YubiKey", false);
        assertTrue(chromium.text("keys").contains("YubiKey"), chromium.text("keys"));
        assertEquals(1, authenticator.getCredentials().size());
        signOut();

        signInWithPassword(user.username());
        chromium.click("useSecurityKey");
        chromium.awaitPath("/twostep/home.xhtml");
        assertEquals(user.username(), chromium.text("username"));
        assertEquals("WEBAUTHN", lastLogin(user.username()).method());
    }

    @Test
    void passkeySignsInAloneAndOnlyWithUserVerification() {
        EnrolledUser user = enrolledUser("passkey");
        signInWithPassword(user.username());
        chromium.type("code", user.app().nextCode());
        chromium.click("verify");
        chromium.awaitPath("/twostep/home.xhtml");
        register("Phone", true);
        assertTrue(authenticator.getCredentials().get(0).isResidentCredential(), "a passkey is discoverable");
        signOut();

        chromium.click("signInWithPasskey");
        chromium.awaitPath("/twostep/home.xhtml");
        assertEquals(user.username(), chromium.text("username"));
        assertEquals("PASSKEY", lastLogin(user.username()).method());
        signOut();

        // The browser itself refuses: the options require user verification, which the authenticator can no
        // longer give. (The server's own refusal of an assertion without it: WebAuthnRefusalsIT.)
        authenticator.setUserVerified(false);
        chromium.click("signInWithPasskey");
        chromium.awaitText("webauthn-status", "could not verify you");
        assertEquals("/twostep/login.xhtml", chromium.path());
        chromium.open(page("home.xhtml"));
        assertEquals("/twostep/login.xhtml", chromium.path(), "not signed in");
    }

    @Test
    void aPasskeyIsMadeOnTheDeviceThatAlreadyHoldsTheAccountsSecurityKey() {
        EnrolledUser user = enrolledUser("upgrade");
        signInWithPassword(user.username());
        chromium.type("code", user.app().nextCode());
        chromium.click("verify");
        chromium.awaitPath("/twostep/home.xhtml");
        register("Laptop key", false);

        // The same authenticator, asked for a passkey: not refused as a duplicate, a passkey beside the key.
        register("Laptop passkey", true);
        assertEquals(2, authenticator.getCredentials().size());
        assertEquals(1, authenticator.getCredentials().stream().filter(c -> c.isResidentCredential()).count());
        assertTrue(chromium.text("keys").contains("Laptop passkey"), chromium.text("keys"));

        // A second passkey on it is refused by the browser, with words that say what to do.
        chromium.open(page("enroll/security-key.xhtml"));
        chromium.click("createPasskey");
        chromium.awaitText("webauthn-status", "already holds a passkey for your account");
        assertEquals(2, authenticator.getCredentials().size());
        signOut();

        chromium.click("signInWithPasskey");
        chromium.awaitPath("/twostep/home.xhtml");
        assertEquals("PASSKEY", lastLogin(user.username()).method());
    }

    @Test
    void anApplicationSignsInWithAPasskeyAtTwoStepThenTheOtherApplicationHasSingleSignOn() {
        EnrolledUser user = enrolledUser("apps");
        signInWithPassword(user.username());
        chromium.type("code", user.app().nextCode());
        chromium.click("verify");
        chromium.awaitPath("/twostep/home.xhtml");
        register("Laptop", true);
        signOut();

        // hello-oidc (WildFly's OIDC client) sends the browser to TwoStep, where a passkey is both factors.
        chromium.open(page("/hello-oidc/secured/"));
        chromium.awaitPath("/twostep/login.xhtml");
        chromium.click("signInWithPasskey");
        chromium.awaitPath("/hello-oidc/secured/");
        assertEquals(user.username(), chromium.text("username"));
        assertEquals("phr", chromium.text("acr"), "a passkey is phishing-resistant");
        assertEquals("hwk user mfa", chromium.text("amr"));

        // hello-jakarta (Jakarta Security's OpenID mechanism): signed in without a page.
        chromium.open(page("/hello-jakarta/secured/"));
        chromium.awaitPath("/hello-jakarta/secured/");
        assertEquals(user.username(), chromium.text("username"));
        assertEquals("phr", chromium.text("acr"));
    }

    @Test
    void authenticatorAppEnrolledInTheBrowserThenEitherFactorAtTheChallenge() {
        String username = newUsername("both");
        db.createAccount(username, PASSWORD);
        signInWithPassword(username);
        chromium.awaitPath("/twostep/enroll/totp.xhtml");
        assertEquals(1, chromium.driver.findElements(By.cssSelector(".qr svg")).size());
        Authenticator app = new Authenticator(chromium.text("secret"));
        chromium.type("code", app.nextCode());
        chromium.click("confirm");
        chromium.awaitPath("/twostep/home.xhtml");
        register("Backup key", false);
        signOut();

        signInWithPassword(username);
        assertTrue(chromium.find(By.id("code")).isDisplayed(), "the app's code field is offered");
        assertTrue(chromium.driver.findElement(By.id("useSecurityKey")).isDisplayed(), "the key is offered too");
        chromium.type("code", app.nextCode());
        chromium.click("verify");
        chromium.awaitPath("/twostep/home.xhtml");
        signOut();

        signInWithPassword(username);
        chromium.click("useSecurityKey");
        chromium.awaitPath("/twostep/home.xhtml");
        assertEquals("WEBAUTHN", lastLogin(username).method());
    }

    @Test
    void recoveryCodesAreShownOnceAndEachSignsInOnce() {
        EnrolledUser user = enrolledUser("codes");
        signInWithPassword(user.username());
        chromium.type("code", user.app().nextCode());
        chromium.click("verify");
        chromium.awaitPath("/twostep/home.xhtml");
        chromium.click("security");
        chromium.click("regenerate");
        chromium.find(By.id("codes"));
        List<String> codes = chromium.driver.findElements(By.cssSelector("#codes code")).stream().map(WebElement::getText).toList();
        assertEquals(10, codes.size());
        assertEquals("true", chromium.driver.findElement(By.id("done")).getAttribute("aria-disabled"), "Done waits for the confirmation");
        chromium.click("saved");
        assertEquals("false", chromium.driver.findElement(By.id("done")).getAttribute("aria-disabled"));
        chromium.click("done");
        chromium.awaitPath("/twostep/account/security.xhtml");
        signOut();

        signInWithPassword(user.username());
        useRecoveryCode(codes.get(0));
        chromium.awaitPath("/twostep/account/security.xhtml");
        assertTrue(chromium.text("recoveredPrompt").contains("recovery code"));
        signOut();

        signInWithPassword(user.username());
        useRecoveryCode(codes.get(0));
        chromium.awaitText("messages", "already used");
        assertEquals("/twostep/challenge.xhtml", chromium.path());
    }

    private void useRecoveryCode(String code) {
        chromium.find(By.cssSelector("details summary")).click();
        chromium.type("recoveryCode", code);
        chromium.click("useRecoveryCode");
    }

    private Database.AuditRow lastLogin(String username) {
        return db.lastOfType(username, "LOGIN_OK");
    }
}
