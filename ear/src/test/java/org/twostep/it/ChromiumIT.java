package org.twostep.it;

import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the tests in a real browser: one Chromium per test class, the pages at "localhost" (the
 * WebAuthn relying party's id, and the host the browser keeps cookies for, as a person would type
 * it), and the steps a person takes there.
 */
abstract class ChromiumIT extends TwoStepIT {

    static Chromium chromium;

    @BeforeAll
    static void startChromium() {
        chromium = Chromium.start();
    }

    @AfterAll
    static void stopChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Override
    URI base() {
        return URI.create("http://localhost:" + deploymentUrl.getPort() + "/twostep/");
    }

    /** An address of this server as the browser reaches it: a TwoStep page, or another application's. */
    String page(String path) {
        return base().resolve(path).toString();
    }

    /** The login page's first step; where it leads depends on the account and the browser. */
    void signInWithPassword(String username) {
        chromium.open(page("login.xhtml"));
        chromium.type("username", username);
        chromium.type("password", PASSWORD);
        chromium.click("signIn");
    }

    /** Both steps with the app's code, to the home page. */
    void signInWithCode(EnrolledUser user) {
        signInWithPassword(user.username());
        chromium.type("code", user.app().nextCode());
        chromium.click("verify");
        chromium.awaitPath("/twostep/home.xhtml");
    }

    void signOut() {
        chromium.open(page("home.xhtml"));
        chromium.click("signOut");
        chromium.awaitPath("/twostep/login.xhtml");
    }

    /** Registers the browser's authenticator as a security key or a passkey, named, from the enrollment page. */
    void register(String nickname, boolean passkey) {
        chromium.open(page("enroll/security-key.xhtml"));
        chromium.type("nickname", nickname);
        chromium.click(passkey ? "createPasskey" : "registerKey");
        chromium.awaitPath("/twostep/account/security.xhtml");
    }
}
