package org.twostep.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HotpTest {

    private static final byte[] RFC4226_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    // RFC 4226 Appendix D, "HOTP" column for counts 0..9.
    private static final String[] RFC4226_CODES = {
        "755224", "287082", "359152", "969429", "338314",
        "254676", "287922", "162583", "399871", "520489"
    };

    @Test
    void generatesAllTenRfc4226AppendixDValues() {
        for (int counter = 0; counter < RFC4226_CODES.length; counter++) {
            assertEquals(RFC4226_CODES[counter], Hotp.generate(RFC4226_SECRET, counter, 6, TotpAlgorithm.SHA1),
                    "counter " + counter);
        }
    }

    @Test
    void padsShortCodesWithLeadingZeros() {
        // RFC 6238 Appendix B: SHA1, T = 0x23523EC (time 1111111109) gives 07081804.
        assertEquals("07081804", Hotp.generate(RFC4226_SECRET, 0x23523ECL, 8, TotpAlgorithm.SHA1));
    }

    @Test
    void rejectsDigitCountsOutsideSixToEight() {
        assertThrows(IllegalArgumentException.class, () -> Hotp.generate(RFC4226_SECRET, 0, 5, TotpAlgorithm.SHA1));
        assertThrows(IllegalArgumentException.class, () -> Hotp.generate(RFC4226_SECRET, 0, 9, TotpAlgorithm.SHA1));
    }
}
