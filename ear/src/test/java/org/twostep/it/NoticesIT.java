package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Security notices by e-mail, received by a real SMTP server (GreenMail, in this JVM, on the port the
 * test server's mail session names): what they say, that a login does not wait for them, and that a
 * relay that is down loses none.
 */
class NoticesIT extends TwoStepIT {

    /** The test server's -Dtwostep.mail.port. */
    private static final ServerSetup SMTP = new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);

    private GreenMail relay;

    @BeforeEach
    void startRelay() {
        relay = new GreenMail(SMTP);
        relay.start();
    }

    @AfterEach
    void stopRelay() {
        relay.stop();
    }

    @Test
    void aWrongCodeAfterTheRightPasswordATrustedBrowserAndANewPasswordAreEachToldOnce() {
        EnrolledUser user = enrolledUser("notices");
        String address = withEmail(user);
        Browser browser = browser();
        Browser.Page challenge = signInWithPassword(browser, user.username(), PASSWORD);
        for (int wrong = 0; wrong < 3; wrong++) {
            challenge = enterCode(browser, challenge, user.app().wrongCode());
        }
        assertSignedInAs(browser.submit(challenge, "challenge",
                Map.of("code", user.app().nextCode(), "trustBrowser", "on"), "verify"), user.username());

        List<MimeMessage> received = await(2);
        assertEquals(List.of("TwoStep: A wrong second factor was entered for your account",
                "TwoStep: A browser no longer asks for your second factor"), subjects(received));
        String body = GreenMailUtil.getBody(received.get(0));
        assertEquals(address, recipient(received.get(0)));
        assertTrue(body.contains("A wrong code, key or recovery code was entered for your account, after its correct password"), body);
        assertTrue(body.contains("Address: " + browser.address()), "where from: " + body);
        assertTrue(body.contains("Browser: Unknown browser"), "the tests' client names no browser: " + body);
        assertTrue(body.contains("If it was not you"), body);
        assertFalse(body.contains(PASSWORD), "nothing secret in a notice: " + body);
        assertEquals("auto-generated", header(received.get(0), "Auto-Submitted"));
    }

    @Test
    void aRelayThatIsDownLosesNothing() throws Exception {
        EnrolledUser user = enrolledUser("relay-down");
        withEmail(user);
        relay.stop(); // the relay goes down
        Browser browser = signedIn(user);
        Browser.Page changed = browser.submit(browser.open("account/password.xhtml"), "password",
                Map.of("current", PASSWORD, "next", "a new and longer password", "repeated", "a new and longer password"), "change");
        assertEquals("/twostep/account/security.xhtml", changed.path(), "the change does not wait for the relay");
        long accountId = db.accountId(user.username());
        awaitAttempted(accountId);

        relay = new GreenMail(SMTP);
        relay.start(); // back
        List<MimeMessage> received = await(1);
        assertEquals(List.of("TwoStep: Your password was changed"), subjects(received));
        assertEquals(1, db.query("select id from security_notice where account_id = ? and sent_at is not null", accountId).size());
    }

    /** Gives the user an e-mail address, as an administrator would; returns it. */
    private String withEmail(EnrolledUser user) {
        String address = user.username() + "@example.test";
        db.update("update account set email = ? where username_key = ?", address, user.username().toLowerCase());
        return address;
    }

    private List<MimeMessage> await(int count) {
        assertTrue(relay.waitForIncomingEmail(Duration.ofSeconds(20).toMillis(), count), "expected " + count + " messages");
        try {
            Thread.sleep(1_500); // a notice the test does not expect would arrive within the sender's next runs
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Arrays.asList(relay.getReceivedMessages());
    }

    /** Waits until the sender has tried the account's notice at least once, while the relay was down. */
    private void awaitAttempted(long accountId) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(until)) {
            if (!db.query("select id from security_notice where account_id = ? and attempts > 0 and sent_at is null", accountId).isEmpty()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the notice was never tried");
    }

    private static List<String> subjects(List<MimeMessage> messages) {
        return messages.stream().map(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, null);
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }
}
