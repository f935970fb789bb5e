package org.twostep.crypto;

import java.io.ByteArrayOutputStream;
import java.util.Objects;

/**
 * Base32 encoding with the RFC 4648 §6 alphabet ({@code A-Z2-7}), as used for
 * TOTP shared secrets in authenticator apps.
 *
 * <p>{@link #encode(byte[])} emits upper case without {@code '='} padding (the
 * form expected in {@code otpauth://} URIs). {@link #decode(String)} is lenient
 * about what people type: lower case, spaces, hyphens and trailing padding are
 * accepted; any other character is rejected.
 *
 * <pre>{@code
 * String text = Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII)); // "MZXW6YTBOI"
 * byte[] back = Base32.decode("mzxw 6ytb-oi");                                 // "foobar"
 * }</pre>
 *
 * <p>Exception messages never echo the input, which is usually a secret.
 */
public final class Base32 {

    // RFC 4648 §6, Table 3: the Base 32 alphabet.
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private Base32() {
    }

    /**
     * Encodes bytes as upper-case Base32 without padding.
     *
     * @param data bytes to encode, not null
     * @return the Base32 text, empty for empty input
     */
    public static String encode(byte[] data) {
        Objects.requireNonNull(data, "data");
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >>> (bits - 5)) & 0x1F]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            // RFC 4648 §6: the final partial quantum is padded with zero bits on the right.
            out.append(ALPHABET[(buffer << (5 - bits)) & 0x1F]);
        }
        // RFC 4648 §3.2 allows omitting '=' padding when the specification referring to it says so;
        // the Key URI format asks for it to be omitted.
        return out.toString();
    }

    /**
     * Decodes Base32 text.
     *
     * <p>Accepts lower case, ignores spaces and hyphens anywhere and {@code '='} padding at the end.
     *
     * @param text Base32 text, not null
     * @return the decoded bytes
     * @throws IllegalArgumentException on any other character, on {@code '='} before the end,
     *                                  or on a length no encoder can produce
     */
    public static byte[] decode(String text) {
        Objects.requireNonNull(text, "text");
        int end = text.length();
        // Trailing padding (possibly interleaved with the ignored separators).
        while (end > 0) {
            char c = text.charAt(end - 1);
            if (c == '=' || c == ' ' || c == '-') {
                end--;
            } else {
                break;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(end * 5 / 8);
        int buffer = 0;
        int bits = 0;
        int symbols = 0;
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '-') {
                continue;
            }
            int value = valueOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("invalid Base32 character at index " + i);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            symbols++;
            if (bits >= 8) {
                out.write((buffer >>> (bits - 8)) & 0xFF);
                bits -= 8;
            }
        }
        // RFC 4648 §6: a final quantum is 2, 4, 5 or 7 symbols; 1, 3 or 6 cannot occur.
        int rest = symbols % 8;
        if (rest == 1 || rest == 3 || rest == 6) {
            throw new IllegalArgumentException("invalid Base32 length");
        }
        return out.toByteArray();
    }

    private static int valueOf(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        if (c >= '2' && c <= '7') {
            return c - '2' + 26;
        }
        return -1;
    }
}
