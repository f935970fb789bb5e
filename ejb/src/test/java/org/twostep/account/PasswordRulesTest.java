package org.twostep.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.twostep.refusal.Reason;
import org.twostep.refusal.Refusal;

class PasswordRulesTest {

    private static Reason check(String password) {
        return PasswordRules.check(password.toCharArray(), password.toCharArray(), "alice");
    }

    @Test
    void eightCharactersOfAnyKindAreEnoughAndNoCompositionIsAsked() {
        assertNull(check("plum tea"));
        assertNull(check("zzqxwvjk"));
        assertNull(check("Grüße aus Köln"));
        assertNull(check("🔑🔑🔑🔑🔑🔑🔑🔑"), "eight emoji are eight characters to their typist");
    }

    @Test
    void shorterOrLongerIsRefused() {
        assertEquals(Reason.PASSWORD_LENGTH, check("zzqxwvj"));
        assertEquals(Reason.PASSWORD_LENGTH, check("🔑🔑🔑🔑🔑🔑🔑"));
        assertNull(check("x".repeat(64) + "y".repeat(64)), "128 is allowed: NIST asks for at least 64");
        assertEquals(Reason.PASSWORD_LENGTH, check("x".repeat(129)));
    }

    @Test
    void commonPasswordsAreRefusedWhateverTheirCase() {
        assertEquals(Reason.PASSWORD_COMMON, check("password"));
        assertEquals(Reason.PASSWORD_COMMON, check("Password"));
        assertEquals(Reason.PASSWORD_COMMON, check("iloveyou"));
        assertEquals(Reason.PASSWORD_COMMON, check("qwertyuiop"));
        assertEquals(Reason.PASSWORD_COMMON, PasswordRules.check("alice-smith".toCharArray(), "alice-smith".toCharArray(),
                "Alice-Smith"), "nor the username");
        assertEquals(5000, PasswordRules.commonCount());
        assertTrue(PasswordRules.isCommon("sunshine"));
    }

    @Test
    void theTwoNewPasswordsMustMatch() {
        assertEquals(Reason.PASSWORD_REPEAT_MISMATCH, PasswordRules.check("plum tea!".toCharArray(), "plum tea?".toCharArray(), "alice"));
    }

    @Test
    void theRefusalNamesTheRulesNumbers() {
        String message = Refusal.of(Reason.PASSWORD_LENGTH).message();
        assertTrue(message.contains(PasswordRules.MIN_LENGTH + " to " + PasswordRules.MAX_LENGTH), message);
    }
}
