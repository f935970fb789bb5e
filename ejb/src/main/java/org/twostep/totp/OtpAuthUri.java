package org.twostep.totp;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.twostep.crypto.Base32;

/**
 * Builds the {@code otpauth://totp/} key URI that authenticator apps read from a QR code
 * (Google Authenticator "Key Uri Format").
 *
 * <pre>{@code
 * String uri = OtpAuthUri.of("TwoStep", "alice@example.com", secret, TotpParameters.defaults());
 * // otpauth://totp/TwoStep:alice@example.com?secret=...&issuer=TwoStep&algorithm=SHA1&digits=6&period=30
 * }</pre>
 *
 * <p>The result contains the secret: treat it like the secret itself (no logging).
 */
public final class OtpAuthUri {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private OtpAuthUri() {
    }

    /**
     * @param issuer      the service name shown in the app, not blank, without ':'
     * @param accountName the user's account name, not blank, without ':'
     * @param secret      the shared secret, not null or empty
     * @param p           the TOTP parameters, not null
     * @return the key URI
     * @throws IllegalArgumentException if issuer or account name is blank or contains ':'
     */
    public static String of(String issuer, String accountName, byte[] secret, TotpParameters p) {
        requireLabelPart(issuer, "issuer");
        requireLabelPart(accountName, "accountName");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(p, "p");
        if (secret.length == 0) {
            throw new IllegalArgumentException("secret must not be empty");
        }
        String encodedIssuer = encode(issuer);
        // Key Uri Format: label = issuer ":" accountname, with the ':' itself not encoded;
        // the issuer is repeated as a parameter (recommended), secret is Base32 without padding.
        return "otpauth://totp/" + encodedIssuer + ':' + encode(accountName)
                + "?secret=" + Base32.encode(secret)
                + "&issuer=" + encodedIssuer
                + "&algorithm=" + p.algorithm().otpauthName()
                + "&digits=" + p.digits()
                + "&period=" + p.periodSeconds();
    }

    private static void requireLabelPart(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        // Key Uri Format: neither issuer nor account name may contain a colon, literal or encoded.
        if (value.indexOf(':') >= 0) {
            throw new IllegalArgumentException(name + " must not contain ':'");
        }
    }

    /**
     * Percent-encodes UTF-8 bytes per RFC 3986 §2.1, leaving the unreserved characters of §2.3 and '@'
     * (a pchar, §3.3, valid in both path and query) as they are. Spaces become {@code %20}, never '+'.
     */
    static String encode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (isUnreserved(c) || c == '@') {
                out.append((char) c);
            } else {
                // RFC 3986 §2.1: "%" HEXDIG HEXDIG, upper case preferred.
                out.append('%').append(HEX[c >>> 4]).append(HEX[c & 0x0F]);
            }
        }
        return out.toString();
    }

    // RFC 3986 §2.3: unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"
    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
