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
        // Measured on what the generator makes: the Shannon entropy of each position's letters over
        // many codes, summed over the positions. A generator with a smaller or skewed alphabet, or
        // with positions that depend on each other's place, falls short.
        int samples = 4000;
        int[][] counts = new int[RecoveryCodes.LENGTH][128];
        for (String code : RecoveryCodes.generate(samples)) {
            String letters = RecoveryCodes.normalize(code);
            assertEquals(RecoveryCodes.LENGTH, letters.length());
            for (int position = 0; position < letters.length(); position++) {
                counts[position][letters.charAt(position)]++;
            }
        }
        double bits = 0;
        for (int[] position : counts) {
            for (int count : position) {
                if (count > 0) {
                    double p = (double) count / samples;
                    bits -= p * Math.log(p) / Math.log(2);
                }
            }
        }
        assertTrue(bits >= 112, bits + " bits measured");
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
    void theDigestIsTheBase64OfTheSha256OfTheNormalizedCode() {
        // Known value: printf ABCDEFGHJKMNPQRSTUVWXYZ2 | sha256sum | xxd -r -p | base64
        assertEquals("E3DbYVzGTM++cXG5UGNX8PvSaPnNeF1CLHtwOMvkgGI=",
                RecoveryCodes.digest(RecoveryCodes.normalize("abcd-efgh-jkmn-pqrs-tuvw-xyz2")));
        String normalized = RecoveryCodes.normalize(RecoveryCodes.generate(1).get(0));
        assertNotEquals(normalized, RecoveryCodes.digest(normalized));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ABCD", "ABCD-EFGH-JKMN-PQRS-TUVW-XYZ0", "ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2-A", "ABCD;EFGH;JKMN;PQRS;TUVW;XYZ2"})
    void malformedCodesAreRefused(String typed) {
        assertThrows(MalformedRecoveryCodeException.class, () -> RecoveryCodes.normalize(typed));
    }
}
