package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** Recovery codes: made on the security page, each signs in once, never twice, not even at the same instant. */
class RecoveryCodesIT extends TwoStepIT {

    static final String REPLAYED = "That recovery code was already used. Each code works once.";

    @Test
    void aRecoveryCodeSignsInOnceAndIsRefusedTheSecondTime() {
        EnrolledUser user = enrolledUser("recover");
        List<String> codes = newRecoveryCodes(user);
        assertEquals(10, codes.size());

        Browser browser = browser();
        Browser.Page security = useRecoveryCode(browser, user, codes.get(0).toLowerCase().replace("-", " "));
        assertEquals("/twostep/account/security.xhtml", security.path(), security.text());
        assertNotNull(security.textOf("recoveredPrompt"), "the user is asked to check their devices");
        assertTrue(security.textOf("recoveryStatus").contains("9 of 10"), security.textOf("recoveryStatus"));
        assertEquals("9 left", db.auditOfType(user.username(), "RECOVERY_CODE_USED").get(0).detail());
        assertEquals("RECOVERY_CODE", db.lastOfType(user.username(), "LOGIN_OK").method());

        Browser.Page refused = useRecoveryCode(browser(), user, codes.get(0));
        assertShortRefusal(refused, "That recovery code was already used. Each code works once.");
        assertEquals("RECOVERY_CODE_REPLAYED", db.lastOfType(user.username(), "SECOND_FACTOR_FAILED").reason());

        Browser.Page wrong = useRecoveryCode(browser(), user, "ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2");
        assertShortRefusal(wrong, "That recovery code is not right.");
        assertEquals("RECOVERY_CODE_MISMATCH", db.lastOfType(user.username(), "SECOND_FACTOR_FAILED").reason());
    }

    @Test
    void aNewSetReplacesTheOldOne() {
        EnrolledUser user = enrolledUser("regen");
        List<String> first = newRecoveryCodes(user);
        List<String> second = newRecoveryCodes(user);
        assertShortRefusal(useRecoveryCode(browser(), user, first.get(3)), "That recovery code is not right.");
        assertEquals("/twostep/account/security.xhtml", useRecoveryCode(browser(), user, second.get(3)).path());
        assertEquals(2, db.auditOfType(user.username(), "RECOVERY_CODES_REGENERATED").size());
    }

    @Test
    void theHomePageWarnsWhenTwoOrFewerAreLeft() {
        EnrolledUser user = enrolledUser("low");
        newRecoveryCodes(user);
        db.update("update recovery_code set used_at = current_timestamp where account_id = ? and id in"
                + " (select id from recovery_code where account_id = ? order by id limit 8)",
                db.accountId(user.username()), db.accountId(user.username()));
        Browser browser = browser();
        Browser.Page home = enterCode(browser, signInWithPassword(browser, user.username(), PASSWORD), user.app().nextCode());
        assertTrue(home.textOf("recoveryLow").contains("Only 2 recovery codes left"), home.text());
    }

    @Test
    void twentyConcurrentSignInsWithOneCodeLetExactlyOneIn() throws Exception {
        EnrolledUser user = enrolledUser("race");
        String code = newRecoveryCodes(user).get(0);
        int racers = 20;
        List<Callable<Browser.Page>> sameCode = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            Browser browser = browser();
            Browser.Page challenge = signInWithPassword(browser, user.username(), PASSWORD);
            sameCode.add(() -> browser.submit(challenge, "recovery", Map.of("recoveryCode", code), "useRecoveryCode"));
        }
        int signedIn = 0;
        for (Browser.Page page : Race.of(sameCode)) {
            if (page.path().equals("/twostep/account/security.xhtml")) {
                signedIn++;
            } else {
                // A recovery code is no guess: its refusals do not count towards the lockout of codes.
                assertEquals(REPLAYED, page.messages(), page.text());
            }
        }
        assertEquals(1, signedIn);
        assertEquals(1, db.auditOfType(user.username(), "RECOVERY_CODE_USED").size());
        List<Database.AuditRow> refused = db.auditOfType(user.username(), "SECOND_FACTOR_FAILED");
        assertEquals(racers - 1, refused.size());
        assertTrue(refused.stream().allMatch(r -> r.reason().equals("RECOVERY_CODE_REPLAYED")), refused.toString());
        assertEquals(0, db.auditOfType(user.username(), "ACCOUNT_LOCKED").size());
    }

    /** Signs in and makes a new set on the security page (right after sign-in, no step-up is needed). */
    private List<String> newRecoveryCodes(EnrolledUser user) {
        Browser browser = signedIn(user);
        Browser.Page security = browser.open("account/security.xhtml");
        Browser.Page shown = browser.submit(security, "recovery", Map.of(), "regenerate");
        List<String> codes = shown.doc().select("#codes code").stream().map(Element::text).toList();
        assertTrue(shown.doc().getElementById("download").attr("href").startsWith("data:text/plain"), shown.text());
        return codes;
    }

    private Browser.Page useRecoveryCode(Browser browser, EnrolledUser user, String code) {
        Browser.Page challenge = signInWithPassword(browser, user.username(), PASSWORD);
        return browser.submit(challenge, "recovery", Map.of("recoveryCode", code), "useRecoveryCode");
    }
}
