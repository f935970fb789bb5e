package org.twostep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The security page: several authenticator apps, rename, remove, and step-up before sensitive changes. */
class SelfServiceIT extends TwoStepIT {

    @Test
    void anotherAppIsAddedRenamedAndTheFirstRemoved() {
        EnrolledUser user = enrolledUser("apps");
        Browser browser = browser();
        assertSignedInAs(enterCode(browser, signInWithPassword(browser, user.username(), PASSWORD), user.app().nextCode()),
                user.username());

        Browser.Page adding = browser.open("enroll/totp.xhtml");
        Authenticator second = new Authenticator(adding.textOf("secret"));
        Browser.Page security = browser.submit(adding, "enroll", Map.of("code", second.nextCode()), "confirm");
        assertEquals("/twostep/account/security.xhtml", security.path(), security.text());
        assertEquals(2, appRows(security).size());

        Browser.Page renamed = browser.submit(security, formOfRow(security, 1), Map.of("nickname", "Work phone"),
                formOfRow(security, 1) + ":rename");
        assertTrue(appRows(renamed).get(1).text().contains("Work phone"), renamed.text());

        Browser.Page removed = browser.submit(renamed, formOfRow(renamed, 0), Map.of(), formOfRow(renamed, 0) + ":remove");
        assertEquals("Removed.", removed.messages());
        assertEquals(1, appRows(removed).size());
        assertTrue(appRows(removed).get(0).text().contains("Work phone"));

        // The renamed page is stale now: its first row still names the removed app. Renaming from it must
        // not touch the app that now stands first.
        Browser.Page stale = browser.submit(renamed, formOfRow(renamed, 0), Map.of("nickname", "Hijacked"),
                formOfRow(renamed, 0) + ":rename");
        assertShortRefusal(stale, "That factor is no longer on your account. Reload the page.");
        assertTrue(appRows(stale).get(0).text().contains("Work phone"), stale.text());
        Browser.Page unnamed = browser.submit(stale, formOfRow(stale, 0), Map.of("nickname", " "), formOfRow(stale, 0) + ":rename");
        assertShortRefusal(unnamed, "Enter a name of 1 to 64 characters.");
        List<String> renameRefusals = db.auditOfType(user.username(), "FACTOR_RENAMED").stream()
                .filter(r -> r.outcome().equals("FAILURE")).map(Database.AuditRow::reason).toList();
        assertEquals(List.of("FACTOR_NOT_FOUND", "FACTOR_NAME_INVALID"), renameRefusals);

        assertEquals(2, db.auditOfType(user.username(), "FACTOR_ADDED").size());
        assertEquals("Work phone", db.auditOfType(user.username(), "FACTOR_RENAMED").get(0).detail());
        assertEquals(1, db.auditOfType(user.username(), "FACTOR_RENAMED").stream().filter(r -> r.outcome().equals("SUCCESS")).count());
        assertEquals("SUCCESS", db.auditOfType(user.username(), "FACTOR_REMOVED").get(0).outcome());

        Browser other = browser();
        Browser.Page challenge = signInWithPassword(other, user.username(), PASSWORD);
        assertSignedInAs(enterCode(other, challenge, second.nextCode()), user.username());
    }

    @Test
    void theLastSecondFactorCannotBeRemoved() {
        EnrolledUser user = enrolledUser("last");
        Browser browser = browser();
        enterCode(browser, signInWithPassword(browser, user.username(), PASSWORD), user.app().nextCode());
        Browser.Page security = browser.open("account/security.xhtml");
        Browser.Page refused = browser.submit(security, formOfRow(security, 0), Map.of(), formOfRow(security, 0) + ":remove");
        assertShortRefusal(refused, "This is your last second factor: add another before removing it.");
        assertEquals(1, appRows(refused).size());
        assertEquals("FACTOR_REMOVAL_REFUSED", db.auditOfType(user.username(), "FACTOR_REMOVED").get(0).reason());
    }

    @Test
    void newRecoveryCodesLongAfterSignInNeedTheSecondFactorAgain() throws InterruptedException {
        EnrolledUser user = enrolledUser("stepup");
        Browser browser = browser();
        enterCode(browser, signInWithPassword(browser, user.username(), PASSWORD), user.app().nextCode());
        Thread.sleep(21_000); // the tests' step-up window is 20 s (arquillian.xml); production's is 5 minutes

        Browser.Page security = browser.open("account/security.xhtml");
        Browser.Page challenge = browser.submit(security, "recovery", Map.of(), "regenerate");
        assertEquals("/twostep/challenge.xhtml", challenge.path(), "sent through the challenge first");
        assertEquals(1, db.auditOfType(user.username(), "STEP_UP_STARTED").size());

        Browser.Page back = enterCode(browser, challenge, user.app().nextCode());
        assertEquals("/twostep/account/security.xhtml", back.path(), "and back");
        Browser.Page shown = browser.submit(back, "recovery", Map.of(), "regenerate");
        assertEquals(10, shown.doc().select("#codes code").size());
    }

    private static List<Element> appRows(Browser.Page page) {
        return page.doc().select("#factors tbody tr");
    }

    /** The id of the rename/remove form in the n-th row of the apps table. */
    private static String formOfRow(Browser.Page page, int row) {
        return appRows(page).get(row).selectFirst("form").id();
    }
}
