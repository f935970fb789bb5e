package org.twostep.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecoveryCodesTest {

    @Test
    void aSetHasTenDistinctCodesInSixGroupsOfFour() {
        List<String> codes = RecoveryCodes.generate(RecoveryCodes.SET_SIZE);
        assertEquals(10, codes.size());
        assertEquals(10, new HashSet<>(codes).size());
        for (String code : codes) {
            assertTrue(code.matches("([A-HJKMNP-Z2-9]{4}-){5}[A-HJKMNP-Z2-9]{4}"), code);
        }
    }

    @Test
    void theAlphabetHasNoLookAlikes() {
        for (char c : "0O1IL".toCharArray()) {
            assertEquals(-1, RecoveryCodes.ALPHABET.indexOf(c), String.valueOf(c));
        }
    }

    @Test
    void eachCodeCarriesAtLeast112BitsOfEntropy() {
        double bits = RecoveryCodes.LENGTH * Math.log(RecoveryCodes.ALPHABET.length()) / Math.log(2);
        assertTrue(bits >= 112, bits + " bits");
    }

    @Test
    void caseSpacesAndDashesDoNotMatter() {
        String code = RecoveryCodes.generate(1).get(0);
        String normalized = RecoveryCodes.normalize(code);
        assertEquals(normalized, RecoveryCodes.normalize(code.toLowerCase().replace("-", " ")));
        assertEquals(normalized, RecoveryCodes.normalize(" " + code.replace("-", "") + " "));
        assertEquals(RecoveryCodes.digest(normalized), RecoveryCodes.digest(RecoveryCodes.normalize(code.toLowerCase())));
    }

    @Test
    void theDigestIsNotTheCode() {
        String normalized = RecoveryCodes.normalize(RecoveryCodes.generate(1).get(0));
        String digest = RecoveryCodes.digest(normalized);
        assertEquals(44, digest.length());
        assertNotEquals(normalized, digest);
        assertTrue(!digest.contains(normalized));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ABCD", "ABCD-EFGH-JKMN-PQRS-TUVW-XYZ0", "ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2-A", "ABCD;EFGH;JKMN;PQRS;TUVW;XYZ2"})
    void malformedCodesAreRefused(String typed) {
        assertThrows(MalformedRecoveryCodeException.class, () -> RecoveryCodes.normalize(typed));
    }
}
