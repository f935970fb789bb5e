package org.twostep.audit;

/** Makes untrusted text safe to store in an audit column: no control characters, bounded length. */
public final class Text {

    private Text() {
    }

    public static String clean(String value, int maxLength) {
        if (value == null) {
            return null;
        }
        StringBuilder clean = new StringBuilder(Math.min(value.length(), maxLength));
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            int safe = Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c;
            if (clean.length() + Character.charCount(safe) > maxLength) {
                break; // the column counts UTF-16 characters: stop before, never inside, a surrogate pair
            }
            clean.appendCodePoint(safe);
            i += Character.charCount(c);
        }
        return clean.toString();
    }
}
