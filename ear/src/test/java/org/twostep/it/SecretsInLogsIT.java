package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twostep.webauthn.EmulatedBrowser.requestOptions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.twostep.webauthn.EmulatedBrowser.Key;

/**
 * The flows once more with TwoStep's loggers at DEBUG (switched on and off through the management
 * API, as an operator would), then the log is searched for every password, code, secret, recovery
 * code and password hash they used: none is there.
 */
class SecretsInLogsIT extends TwoStepIT {

    static final String WRONG_PASSWORD = "not-the-Password-42";

    @ArquillianResource
    ManagementClient management;

    @Test
    void withDebugOnNoPasswordCodeSecretOrHashReachesTheLog() throws IOException {
        ServerLog.Mark mark = ServerLog.mark();
        logger("add");
        List<String> secrets = new ArrayList<>(List.of(PASSWORD, WRONG_PASSWORD));
        try {
            EnrolledUser user = enrolledUser("logged"); // enrollment: a secret shown, a first code
            secrets.add(user.app().secretText());
            secrets.add(user.app().lastCode());
            assertShortRefusal(signInWithPassword(browser(), user.username(), WRONG_PASSWORD), LoginFlowIT.WRONG_CREDENTIALS);
            // The password typed into the username field: the audit row keeps what was typed, the log does not.
            assertShortRefusal(signInWithPassword(browser(), PASSWORD, PASSWORD), BadInputIT.BAD_USERNAME);

            Browser browser = browser();
            Browser.Page challenge = signInWithPassword(browser, user.username(), PASSWORD);
            String wrong = user.app().wrongCode();
            secrets.add(wrong);
            challenge = enterCode(browser, challenge, wrong);
            Browser.Page home = enterCode(browser, challenge, user.app().nextCode());
            secrets.add(user.app().lastCode());
            assertSignedInAs(home, user.username());

            Browser.Page security = browser.open("account/security.xhtml");
            Browser.Page shown = browser.submit(security, "recovery", Map.of(), "regenerate");
            List<String> codes = shown.doc().select("#codes code").stream().map(Element::text).toList();
            assertEquals(10, codes.size(), shown.text());
            for (String code : codes) {
                secrets.add(code);
                secrets.add(code.replace("-", ""));
            }
            Browser recovering = browser();
            Browser.Page recovered = recovering.submit(signInWithPassword(recovering, user.username(), PASSWORD), "recovery",
                    Map.of("recoveryCode", codes.get(0)), "useRecoveryCode");
            assertEquals("/twostep/account/security.xhtml", recovered.path(), recovered.text());

            Key passkey = registerKey(user, true);
            Browser withKey = browser();
            Browser.Json signedIn = withKey.postJson("api/webauthn/passkey",
                    passkey.sign(origin(), requestOptions(options(withKey, "passkey/options"))), origin());
            assertEquals(200, signedIn.status(), signedIn.body());

            String hash = db.query("select password_hash from account where username_key = ?", user.username()).get(0).get(0);
            secrets.add(hash);
            secrets.add(hash.substring(hash.lastIndexOf(':') + 1)); // the derived key alone
            secrets.add(db.query("select secret_sealed from totp_authenticator a join account o on o.id = a.account_id"
                    + " where o.username_key = ?", user.username()).get(0).get(0)); // the sealed secret, too
        } finally {
            logger("remove");
        }

        long debugLines = mark.since().stream().filter(l -> l.matches("\\S+ \\S+ (FINE|DEBUG) +\\[org\\.twostep.*")).count();
        assertTrue(debugLines > 10, "DEBUG was on (java.util.logging's FINE): " + debugLines + " lines");
        assertEquals(List.of(), mark.linesContaining(secrets.toArray(String[]::new)), "none of " + secrets.size() + " secrets");
        assertFalse(mark.since().isEmpty());
    }

    /** Adds or removes the logger {@code org.twostep} at DEBUG on the running server. */
    private void logger(String operation) throws IOException {
        ModelNode op = new ModelNode();
        op.get("operation").set(operation);
        op.get("address").add("subsystem", "logging").add("logger", "org.twostep");
        if (operation.equals("add")) {
            op.get("level").set("DEBUG");
        }
        ModelNode answer = management.getControllerClient().execute(op);
        assertEquals("success", answer.get("outcome").asString(), answer.toString());
    }
}
