package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What anyone can send TwoStep's forms, answered as a client's mistake: a short page with a 4xx
 * status, nothing signed in, and no ERROR (nor stack trace) in the server's log.
 */
class HostileInputIT extends TwoStepIT {

    @Test
    void aForgedOrStaleViewStateGetsTheExpiredPageWith400AndNoErrorInTheLog() throws IOException {
        long errorsBefore = errorLines();
        for (String forged : List.of("x", "-1:-1", "", "1:2:3", "%00", "<script>alert(1)</script>", "9".repeat(10_000))) {
            Browser browser = browser();
            Browser.Page login = browser.open("login.xhtml");
            Browser.Page answer = browser.submit(login, "login", Map.of("username", "admin", "password", "whatever",
                    "jakarta.faces.ViewState", forged), "signIn");
            assertEquals(400, answer.status(), forged.length() > 40 ? "a long value" : forged);
            assertTrue(answer.text().contains("This page has expired"), answer.text());
            assertEquals("/twostep/login.xhtml", browser.open("home.xhtml").path(), "nobody signed in");
        }
        assertEquals(errorsBefore, errorLines(), "no ERROR in the server log for a client's mistake");
    }

    /** The ERROR lines of the test server's log so far. */
    static long errorLines() throws IOException {
        Path log = Path.of(System.getProperty("twostep.it.base.dir"), "log", "server.log");
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.contains(" ERROR ")).count();
        }
    }
}
