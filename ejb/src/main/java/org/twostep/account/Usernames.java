package org.twostep.account;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one rule for comparing usernames: Unicode NFKC, trimmed, lower case. "Ａｌｉｃｅ" (full width)
 * and "alice" are the same account.
 *
 * <pre>{@code
 * String key = Usernames.key(typed);   // throws BadUsernameException for empty, long or control text
 * }</pre>
 */
public final class Usernames {

    /** Longest username accepted, in characters after normalization. */
    public static final int MAX_LENGTH = 64;

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
        return Character.isISOControl(c) || Character.isWhitespace(c) || Character.getType(c) == Character.FORMAT;
    }
}
