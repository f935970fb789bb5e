package org.twostep.totp;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-based one-time password generation (RFC 4226), the building block of TOTP.
 *
 * <pre>{@code
 * byte[] key = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
 * String code = Hotp.generate(key, 0, 6, TotpAlgorithm.SHA1); // "755224"
 * }</pre>
 */
public final class Hotp {

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Hotp() {
    }

    /**
     * Computes HOTP(K, C).
     *
     * @param key     shared secret K, not null or empty
     * @param counter moving factor C (for TOTP the time step)
     * @param digits  number of digits, 6 to 8
     * @param alg     HMAC algorithm
     * @return the code, left-padded with zeros to {@code digits} characters
     */
    public static String generate(byte[] key, long counter, int digits, TotpAlgorithm alg) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(alg, "alg");
        if (key.length == 0) {
            throw new IllegalArgumentException("key must not be empty");
        }
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("digits must be between 6 and 8");
        }

        // RFC 4226 §5.2: the counter is an 8-byte big-endian value.
        byte[] message = new byte[8];
        long c = counter;
        for (int i = 7; i >= 0; i--) {
            message[i] = (byte) c;
            c >>>= 8;
        }

        // RFC 4226 §5.3 step 1: HS = HMAC(K, C).
        byte[] hs;
        try {
            Mac mac = Mac.getInstance(alg.macName());
            mac.init(new SecretKeySpec(key, alg.macName()));
            hs = mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            // Every Java SE implementation must provide HmacSHA1/256/512 (see javax.crypto.Mac).
            throw new IllegalStateException("HMAC algorithm unavailable: " + alg.macName(), e);
        }

        // RFC 4226 §5.3 step 2: dynamic truncation (offset = low 4 bits of the last byte;
        // RFC 6238 §1.2 applies the same to the longer SHA-256/512 outputs).
        int offset = hs[hs.length - 1] & 0x0F;
        int binary = ((hs[offset] & 0x7F) << 24)
                | ((hs[offset + 1] & 0xFF) << 16)
                | ((hs[offset + 2] & 0xFF) << 8)
                | (hs[offset + 3] & 0xFF);

        // RFC 4226 §5.3 step 3: HOTP = Snum mod 10^Digit.
        int otp = binary % POWERS_OF_TEN[digits];
        String text = Integer.toString(otp);
        StringBuilder padded = new StringBuilder(digits);
        for (int i = text.length(); i < digits; i++) {
            padded.append('0');
        }
        return padded.append(text).toString();
    }
}
