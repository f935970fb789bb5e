package org.twostep.account;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one rule for comparing usernames: Unicode NFKC, trimmed, lower case. "Ａｌｉｃｅ" (full width)
 * and "alice" are the same account. A username is 1 to 64 letters, digits and {@code . _ - @ +}:
 * no spaces, no control or formatting characters, nothing that could forge a log or audit line.
 *
 * <pre>{@code
 * String key = Usernames.key(typed);   // throws BadUsernameException for empty, long or control text
 * }</pre>
 */
public final class Usernames {

    /** Longest username accepted, in characters after normalization. */
    public static final int MAX_LENGTH = 64;

    private static final String ALLOWED_SYMBOLS = "._-@+";

    private Usernames() {
    }

    public static String key(String typed) {
        if (typed == null) {
            throw new BadUsernameException();
        }
        String key = Normalizer.normalize(typed, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        if (key.isEmpty() || key.length() > MAX_LENGTH || key.codePoints().anyMatch(Usernames::isForbidden)) {
            throw new BadUsernameException();
        }
        return key;
    }

    private static boolean isForbidden(int c) {
        return !Character.isLetterOrDigit(c) && ALLOWED_SYMBOLS.indexOf(c) < 0;
    }
}
