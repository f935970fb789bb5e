package org.twostep.bench;

import java.util.Locale;

/** The little JSON the reports write: numbers, escaped strings, percentiles. */
final class Json {

    private Json() {
    }

    static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2f", value) : "null";
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    static String percentiles(Steps.Percentiles p) {
        if (p == null) {
            return "null";
        }
        return "{\"n\":" + p.count() + ",\"p50\":" + number(p.p50()) + ",\"p95\":" + number(p.p95()) + ",\"p99\":" + number(p.p99()) + "}";
    }
}
