package org.twostep.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Debian's headless Chromium, driven by its chromium-driver (never a downloaded browser), with
 * WebDriver's virtual authenticator standing in for a security key or a phone's passkey.
 *
 * <p>Without Chromium the browser tests are skipped with a message saying how to install it; in CI
 * ({@code CI=true}, set by {@code .ci/run}) a missing Chromium fails them instead.
 */
final class Chromium implements AutoCloseable {

    static final File BROWSER = new File("/usr/bin/chromium");
    static final File DRIVER = new File("/usr/bin/chromedriver");
    static final Duration PATIENCE = Duration.ofSeconds(15);

    final ChromeDriver driver;

    private Chromium(ChromeDriver driver) {
        this.driver = driver;
    }

    static Chromium start() {
        if (!BROWSER.canExecute() || !DRIVER.canExecute()) {
            String install = "Chromium is not installed: run 'sudo apt-get install chromium chromium-driver' to run the browser tests.";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(install);
            }
            Assumptions.abort(install);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                "--user-data-dir=" + profile());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort().build();
        return new Chromium(new ChromeDriver(service, options));
    }

    private static String profile() {
        try {
            return Files.createTempDirectory("twostep-chromium").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A platform authenticator (CTAP2, internal transport) with resident keys and user verification. */
    VirtualAuthenticator addAuthenticator() {
        return ((HasVirtualAuthenticator) driver).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true));
    }

    void removeAuthenticator(VirtualAuthenticator authenticator) {
        ((HasVirtualAuthenticator) driver).removeVirtualAuthenticator(authenticator);
    }

    void open(String url) {
        driver.get(url);
    }

    /**
     * Runs this script in every page before the page's own (DevTools' Page.addScriptToEvaluateOnNewDocument):
     * to watch what the page's scripts ask of the browser.
     *
     * @return the script's id, for {@link #forget}
     */
    String beforeEveryPage(String script) {
        return (String) driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script))
                .get("identifier");
    }

    void forget(String scriptId) {
        driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", scriptId));
    }

    /** Evaluates a script in the page and returns its value. */
    Object eval(String script) {
        return driver.executeScript(script);
    }

    /** Types into a field, once the page that has it is there (a click may still be loading the next page). */
    void type(String id, String text) {
        WebElement field = new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        field.clear();
        field.sendKeys(text);
    }

    /** The element, once it is visible. */
    WebElement find(By locator) {
        return new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    void click(String id) {
        new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    /** Waits until the browser is on the page with this path (the script-driven ceremonies navigate by themselves). */
    void awaitPath(String path) {
        new WebDriverWait(driver, PATIENCE).until(d -> java.net.URI.create(d.getCurrentUrl()).getPath().equals(path));
    }

    void awaitText(String id, String text) {
        new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
