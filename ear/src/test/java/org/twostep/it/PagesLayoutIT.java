package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;

/**
 * Every page as a person reads it, in Chromium at a phone's width (390 px) and a desktop's (1280 px):
 * nothing wider than the screen, no date or recovery code broken across lines, names readable in
 * full, buttons side by side of one size. A screenshot of each page at each width is kept in
 * {@code ear/target/screenshots/}.
 */
class PagesLayoutIT extends ChromiumIT {

    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final String LONG_NAME = "YubiKey 5C NFC on the blue keyring in the top drawer";

    private static VirtualAuthenticator authenticator;

    @BeforeAll
    static void screenshotsAndNoAutofill() throws IOException { // after ChromiumIT's, which starts the browser
        Files.createDirectories(SHOTS);
        chromium.beforeEveryPage(BrowserIT.NO_AUTOFILL); // the passkey is for the pages' lists, not to sign in by itself
    }

    @Test
    void everyPageReadsWellOnAPhoneAndOnADesktop() {
        chromium.open(page("login.xhtml"));
        chromium.driver.manage().deleteAllCookies();
        authenticator = chromium.addAuthenticator();
        EnrolledUser user = enrolledUser("layout");
        Browser http = signedIn(user); // recovery codes, so that the challenge page offers one
        Browser.Page made = http.submit(http.open("account/security.xhtml"), "recovery", Map.of(), "regenerate");
        assertEquals(10, made.doc().select("#codes code").size(), made.text());

        for (int width : new int[] {390, 1280}) {
            chromium.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", width < 500 ? 844 : 900, "deviceScaleFactor", 1, "mobile", width < 500));
            chromium.driver.manage().deleteAllCookies();
            String at = width + "px";

            chromium.open(page("login.xhtml?signedOut=true"));
            check("login", width);
            chromium.type("username", user.username());
            chromium.type("password", PASSWORD);
            chromium.click("signIn");
            chromium.awaitPath("/twostep/challenge.xhtml");
            check("challenge", width);

            // A wrong recovery code: the refusal shows next to the field, which stays open.
            chromium.find(By.cssSelector("details summary")).click();
            chromium.type("recoveryCode", "ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2");
            chromium.click("useRecoveryCode");
            chromium.awaitText("messages", "not right");
            assertTrue(chromium.driver.findElement(By.id("lost")).getAttribute("open") != null, "the recovery code field stays open " + at);
            check("challenge-refused", width);

            chromium.type("code", user.app().nextCode());
            chromium.click("trustBrowser");
            chromium.click("verify");
            chromium.awaitPath("/twostep/home.xhtml");
            if (width == 390) {
                register(LONG_NAME, false);
                assertTrue(chromium.text("keyAdded").contains("Added"), "a new key is confirmed");
                register("Phone in the kitchen drawer", true);
            }
            chromium.open(page("home.xhtml"));
            check("home", width);
            assertTrue(chromium.text("security").contains("keys") && chromium.text("security").contains("passkeys"),
                    "the link names everything the page holds: " + chromium.text("security"));

            chromium.open(page("account/security.xhtml"));
            check("security", width);
            WebElement rename = chromium.driver.findElements(By.cssSelector("#keys input[name=nickname]")).get(1); // the passkey's
            assertTrue(fits(rename), "the rename box shows the whole name " + at);
            assertTrue(lines(chromium.driver.findElement(By.cssSelector("#keys td.name"))) <= 2,
                    "a long name takes at most two lines " + at);
            assertFalse(chromium.driver.findElements(By.id("signOut")).isEmpty(), "the security page signs out too");

            chromium.click("regenerate");
            if (chromium.path().equals("/twostep/challenge.xhtml")) { // the step-up window passed meanwhile
                chromium.type("code", user.app().nextCode());
                chromium.click("verify");
                chromium.awaitPath("/twostep/account/security.xhtml");
                chromium.click("regenerate");
            }
            chromium.find(By.id("codes"));
            List<WebElement> codes = chromium.driver.findElements(By.cssSelector("#codes code"));
            assertEquals(10, codes.size());
            for (WebElement code : codes) {
                assertEquals(1, lines(code), "a recovery code is never broken: " + code.getText() + " " + at);
            }
            check("recovery-codes", width);
            chromium.click("saved");
            chromium.click("done");

            chromium.open(page("account/password.xhtml"));
            check("password", width);
            chromium.open(page("enroll/totp.xhtml"));
            assertEquals("Back to security", chromium.driver.findElement(By.cssSelector(".aside a")).getText(),
                    "a signed-in caller goes back, not \"start again\"");
            assertEquals("Add an authenticator app", chromium.driver.findElement(By.tagName("h1")).getText());
            assertFalse(chromium.driver.findElement(By.tagName("main")).getText().contains("Add another authenticator app."), "no stammer");
            check("add-app", width);
            chromium.open(page("enroll/security-key.xhtml"));
            check("add-key", width);
            WebElement key = chromium.driver.findElement(By.id("registerKey"));
            WebElement passkey = chromium.driver.findElement(By.id("createPasskey"));
            assertTrue(Math.abs(key.getSize().getWidth() - passkey.getSize().getWidth()) <= 2,
                    "the two buttons are of one size " + at + ": " + key.getSize() + " " + passkey.getSize());
        }
        chromium.removeAuthenticator(authenticator);
    }

    /** Nothing wider than the screen, every date on one line and named in the reader's zone; a screenshot kept. */
    private void check(String name, int width) {
        // Against the screen's width, not innerWidth: a phone's browser widens its layout viewport to content that overflows.
        Object overflow = chromium.eval("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - " + width + ";");
        assertTrue(((Number) overflow).longValue() <= 0, name + " is wider than " + width + " px by " + overflow + " px");
        for (WebElement time : chromium.driver.findElements(By.cssSelector("time"))) {
            assertEquals(1, lines(time), name + ": a date on one line: " + time.getText());
            assertEquals("true", time.getAttribute("data-local"), name + ": shown in the browser's zone");
            assertTrue(time.getText().matches(".*\\d{1,2}:\\d{2}( [AP]M)? \\S+$"), name + ": the zone is named: " + time.getText());
        }
        try {
            // The whole page, not only what the screen shows.
            long height = ((Number) chromium.eval("return document.documentElement.scrollHeight;")).longValue();
            Map<String, Object> shot = chromium.driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            Files.write(SHOTS.resolve(name + "-" + width + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many lines the element's text takes. */
    private long lines(WebElement element) {
        return ((Number) chromium.driver.executeScript(
                "const r = document.createRange(); r.selectNodeContents(arguments[0]);"
                        + " return new Set(Array.from(r.getClientRects()).filter(c => c.width > 0).map(c => Math.round(c.top))).size;",
                element)).longValue();
    }

    private boolean fits(WebElement input) {
        return (Boolean) chromium.driver.executeScript("return arguments[0].scrollWidth <= arguments[0].clientWidth;", input);
    }
}
