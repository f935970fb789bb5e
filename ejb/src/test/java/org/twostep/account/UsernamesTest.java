package org.twostep.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UsernamesTest {

    @Test
    void fullWidthAndCaseVariantsAreTheSameAccount() {
        assertEquals("alice", Usernames.key("Ａｌｉｃｅ"));
        assertEquals("alice", Usernames.key("  ALICE "));
        assertEquals("alice@example.com", Usernames.key("Alice@Example.COM"));
    }

    @Test
    void sixtyFourCharactersAreAccepted() {
        assertEquals(64, Usernames.key("a".repeat(64)).length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "bad name", "bad\u0007name", "tab\tname", "zero\u200bwidth", "semi;colon", "new\nline"})
    void unusableUsernamesAreRefusedAsInvalidInput(String typed) {
        assertEquals(org.twostep.refusal.Reason.INVALID_INPUT,
                assertThrows(BadUsernameException.class, () -> Usernames.key(typed)).reason());
    }

    @Test
    void overlongUsernameIsRefused() {
        assertThrows(BadUsernameException.class, () -> Usernames.key("a".repeat(65)));
        assertThrows(BadUsernameException.class, () -> Usernames.key(null));
    }
}
