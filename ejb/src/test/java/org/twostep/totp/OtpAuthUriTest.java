package org.twostep.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OtpAuthUriTest {

    // Base32 of this ASCII secret is GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ.
    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void buildsExactKeyUriForDefaults() {
        assertEquals("otpauth://totp/TwoStep:alice@example.com"
                        + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                        + "&issuer=TwoStep&algorithm=SHA1&digits=6&period=30",
                OtpAuthUri.of("TwoStep", "alice@example.com", SECRET, TotpParameters.defaults()));
    }

    @Test
    void encodesSpaceInIssuerAsPercent20() {
        assertEquals("otpauth://totp/Two%20Step:alice@example.com"
                        + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                        + "&issuer=Two%20Step&algorithm=SHA1&digits=6&period=30",
                OtpAuthUri.of("Two Step", "alice@example.com", SECRET, TotpParameters.defaults()));
    }

    @Test
    void encodesNonAsciiAndReservedCharactersAsUtf8Percent() {
        String uri = OtpAuthUri.of("Zoë & Co", "a+b/c?d", SECRET,
                new TotpParameters(TotpAlgorithm.SHA512, 8, 60));
        assertEquals("otpauth://totp/Zo%C3%AB%20%26%20Co:a%2Bb%2Fc%3Fd"
                        + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                        + "&issuer=Zo%C3%AB%20%26%20Co&algorithm=SHA512&digits=8&period=60",
                uri);
    }

    @Test
    void rejectsColonInIssuerOrAccount() {
        TotpParameters p = TotpParameters.defaults();
        assertThrows(IllegalArgumentException.class, () -> OtpAuthUri.of("Two:Step", "alice", SECRET, p));
        assertThrows(IllegalArgumentException.class, () -> OtpAuthUri.of("TwoStep", "ali:ce", SECRET, p));
    }
}
