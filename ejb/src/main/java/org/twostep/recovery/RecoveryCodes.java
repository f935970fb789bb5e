package org.twostep.recovery;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.twostep.crypto.Digests;

/**
 * One-time recovery codes: made from a CSPRNG, written for people, stored as digests.
 *
 * <p>A code is 24 characters from a 31-letter alphabet without look-alikes (no 0/O, 1/I/L), so
 * about 119 bits of entropy, shown in six groups of four: {@code 7KQM-X3RT-...}. With that much
 * entropy a plain SHA-256 digest is enough to keep a stolen database from yielding the codes
 * (OWASP ASVS 5.0 V6.5.2, NIST SP 800-63B §5.1.2.2: at least 112 bits, then an unsalted hash is fine).
 *
 * <pre>{@code
 * List<String> shown = RecoveryCodes.generate(10);               // shown once
 * String stored = RecoveryCodes.digest(RecoveryCodes.normalize(shown.get(0)));
 * }</pre>
 */
public final class RecoveryCodes {

    /** How many codes a set has. */
    public static final int SET_SIZE = 10;

    static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    static final int LENGTH = 24;
    static final int GROUP = 4;

    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {
    }

    /** {@code count} fresh codes, formatted for reading. */
    public static List<String> generate(int count) {
        List<String> codes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder code = new StringBuilder(LENGTH + LENGTH / GROUP);
            for (int c = 0; c < LENGTH; c++) {
                if (c > 0 && c % GROUP == 0) {
                    code.append('-');
                }
                code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            codes.add(code.toString());
        }
        return codes;
    }

    /**
     * The code as typed, reduced to its characters: case, spaces and dashes do not matter.
     *
     * @throws MalformedRecoveryCodeException when it is not 24 characters of the alphabet
     */
    public static String normalize(String typed) {
        if (typed == null || typed.length() > 64) {
            throw new MalformedRecoveryCodeException();
        }
        String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (code.length() != LENGTH || !code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            throw new MalformedRecoveryCodeException();
        }
        return code;
    }

    /** The stored form of a normalized code: base64 of its SHA-256. */
    public static String digest(String normalized) {
        return Digests.sha256Base64(normalized);
    }

    /** Constant-time comparison of two digests. */
    static boolean same(String digest, String other) {
        return Digests.same(digest, other);
    }
}
