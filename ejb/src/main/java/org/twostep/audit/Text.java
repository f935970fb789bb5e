package org.twostep.audit;

/** Makes untrusted text safe to store in an audit column: no control characters, bounded length. */
final class Text {

    private Text() {
    }

    static String clean(String value, int maxLength) {
        if (value == null) {
            return null;
        }
        StringBuilder clean = new StringBuilder(Math.min(value.length(), maxLength));
        value.codePoints()
                .map(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c)
                .limit(maxLength)
                .forEach(clean::appendCodePoint);
        return clean.toString();
    }
}
