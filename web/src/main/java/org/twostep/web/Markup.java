package org.twostep.web;

/**
 * Text made safe for HTML and SVG built in code (an attribute value or element text): the five
 * characters that could end them are escaped.
 *
 * <pre>{@code
 * "<a href=\"" + Markup.escape(address) + "\">"
 * }</pre>
 */
public final class Markup {

    private Markup() {
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
