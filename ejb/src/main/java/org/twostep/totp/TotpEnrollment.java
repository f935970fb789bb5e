package org.twostep.totp;

/**
 * What the enrollment page shows: the {@code otpauth://} URI (the page draws it as a QR code), and
 * the same secret grouped in fours for typing by hand. Shown once, to its owner; never stored in this form.
 */
public record TotpEnrollment(long id, String otpauthUri, String groupedSecret, int digits) {

    static String group(String base32) {
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < base32.length(); i += 4) {
            if (i > 0) {
                grouped.append(' ');
            }
            grouped.append(base32, i, Math.min(i + 4, base32.length()));
        }
        return grouped.toString();
    }
}
