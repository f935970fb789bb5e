package org.twostep.totp;

/**
 * HMAC hash functions allowed for TOTP (RFC 6238 §1.2: SHA-1, SHA-256, SHA-512).
 *
 * <pre>{@code
 * Mac mac = Mac.getInstance(TotpAlgorithm.SHA256.macName());    // "HmacSHA256"
 * String uriValue = TotpAlgorithm.SHA256.otpauthName();         // "SHA256"
 * }</pre>
 */
public enum TotpAlgorithm {
    /** HMAC-SHA-1, the RFC 4226 default and the only one every authenticator app supports. */
    SHA1("HmacSHA1", "SHA1"),
    /** HMAC-SHA-256. */
    SHA256("HmacSHA256", "SHA256"),
    /** HMAC-SHA-512. */
    SHA512("HmacSHA512", "SHA512");

    private final String macName;
    private final String otpauthName;

    TotpAlgorithm(String macName, String otpauthName) {
        this.macName = macName;
        this.otpauthName = otpauthName;
    }

    /** @return the JCA {@link javax.crypto.Mac} algorithm name, e.g. {@code HmacSHA1} */
    public String macName() {
        return macName;
    }

    /** @return the value of the {@code algorithm} parameter in an {@code otpauth://} URI, e.g. {@code SHA1} */
    public String otpauthName() {
        return otpauthName;
    }
}
