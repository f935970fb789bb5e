package org.twostep.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Base32Test {

    @ParameterizedTest(name = "\"{0}\" <-> \"{1}\"")
    @CsvSource({
        // RFC 4648 §10 BASE32 test vectors, without the '=' padding.
        "'',      ''",
        "f,       MY",
        "fo,      MZXQ",
        "foo,     MZXW6",
        "foob,    MZXW6YQ",
        "fooba,   MZXW6YTB",
        "foobar,  MZXW6YTBOI",
    })
    void matchesRfc4648Section10Vectors(String plain, String encoded) {
        byte[] bytes = plain.getBytes(StandardCharsets.US_ASCII);
        assertEquals(encoded, Base32.encode(bytes));
        assertArrayEquals(bytes, Base32.decode(encoded));
    }

    @Test
    void decodesRfc4648PaddedForm() {
        assertArrayEquals("f".getBytes(StandardCharsets.US_ASCII), Base32.decode("MY======"));
        assertArrayEquals("foob".getBytes(StandardCharsets.US_ASCII), Base32.decode("MZXW6YQ="));
    }

    @Test
    void roundTripsRandomBytesOfEveryLengthFrom1To64() {
        Random random = new Random(20240501L);
        for (int length = 1; length <= 64; length++) {
            for (int i = 0; i < 20; i++) {
                byte[] data = new byte[length];
                random.nextBytes(data);
                String encoded = Base32.encode(data);
                assertFalse(encoded.contains("="), "no padding");
                assertEquals(encoded.toUpperCase(), encoded);
                assertArrayEquals(data, Base32.decode(encoded), "length " + length);
            }
        }
    }

    @Test
    void decodesLowerCaseWithSpacesAndHyphens() {
        assertArrayEquals("foobar".getBytes(StandardCharsets.US_ASCII), Base32.decode("mzxw 6ytb-oi"));
        assertArrayEquals("foobar".getBytes(StandardCharsets.US_ASCII), Base32.decode("MZXW-6YTB OI"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MZXW1", "MZXW8", "MZ_W6", "MZ=XW6", "MZXW6!", "MZXW6\n"})
    void rejectsInvalidCharacterWithoutEchoingInput(String input) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Base32.decode(input));
        assertFalse(e.getMessage().contains(input));
    }

    @Test
    void rejectsLengthsNoEncoderProduces() {
        assertThrows(IllegalArgumentException.class, () -> Base32.decode("M"));
        assertThrows(IllegalArgumentException.class, () -> Base32.decode("MZX"));
    }
}
