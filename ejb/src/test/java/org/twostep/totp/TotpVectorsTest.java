package org.twostep.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpVectorsTest {

    // RFC 6238 Appendix B: the seed is "1234567890" repeated to the hash's output length.
    private static byte[] seedFor(TotpAlgorithm alg) {
        int length = switch (alg) {
            case SHA1 -> 20;
            case SHA256 -> 32;
            case SHA512 -> 64;
        };
        return "1234567890".repeat(7).substring(0, length).getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest(name = "{1} at {0}s -> {2}")
    @CsvSource({
        // RFC 6238 Appendix B, Table 1: time (s), mode, TOTP
        "59,          SHA1,   94287082",
        "59,          SHA256, 46119246",
        "59,          SHA512, 90693936",
        "1111111109,  SHA1,   07081804",
        "1111111109,  SHA256, 68084774",
        "1111111109,  SHA512, 25091201",
        "1111111111,  SHA1,   14050471",
        "1111111111,  SHA256, 67062674",
        "1111111111,  SHA512, 99943326",
        "1234567890,  SHA1,   89005924",
        "1234567890,  SHA256, 91819424",
        "1234567890,  SHA512, 93441116",
        "2000000000,  SHA1,   69279037",
        "2000000000,  SHA256, 90698825",
        "2000000000,  SHA512, 38618901",
        "20000000000, SHA1,   65353130",
        "20000000000, SHA256, 77737706",
        "20000000000, SHA512, 47863826",
    })
    void matchesRfc6238AppendixBTable(long epochSeconds, TotpAlgorithm alg, String expected) {
        TotpParameters p = new TotpParameters(alg, 8, 30);
        Instant time = Instant.ofEpochSecond(epochSeconds);
        long step = p.stepAt(time);

        assertEquals(expected, Hotp.generate(seedFor(alg), step, 8, alg));
        assertEquals(step, new TotpVerifier(0).verify(seedFor(alg), p, expected, time, -1));
    }
}
