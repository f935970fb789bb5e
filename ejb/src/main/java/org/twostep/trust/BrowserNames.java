package org.twostep.trust;

import java.util.List;
import java.util.Map;

/**
 * A person's name for a browser, from its {@code User-Agent}: "Chrome on Android", "Firefox on
 * Windows". Enough to tell one's browsers apart on a list; the full header is kept beside it.
 *
 * <pre>{@code
 * BrowserNames.of("Mozilla/5.0 (X11; Linux x86_64) ... Chrome/131.0 Safari/537.36");  // "Chrome on Linux"
 * }</pre>
 */
public final class BrowserNames {

    // Order matters: Edge and Opera name Chrome too, Chrome names Safari, and Android names Linux.
    private static final List<Map.Entry<String, String>> BROWSERS = List.of(
            Map.entry("Edg/", "Edge"), Map.entry("OPR/", "Opera"), Map.entry("Firefox/", "Firefox"),
            Map.entry("Chrome/", "Chrome"), Map.entry("Chromium/", "Chromium"), Map.entry("Safari/", "Safari"));
    private static final List<Map.Entry<String, String>> SYSTEMS = List.of(
            Map.entry("Android", "Android"), Map.entry("iPhone", "iPhone"), Map.entry("iPad", "iPad"),
            Map.entry("Windows", "Windows"), Map.entry("Mac OS X", "macOS"), Map.entry("CrOS", "ChromeOS"),
            Map.entry("Linux", "Linux"));

    private BrowserNames() {
    }

    public static String of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "Unknown browser";
        }
        String browser = first(BROWSERS, userAgent);
        String system = first(SYSTEMS, userAgent);
        if (browser == null) {
            return system == null ? "Unknown browser" : "A browser on " + system;
        }
        return system == null ? browser : browser + " on " + system;
    }

    private static String first(List<Map.Entry<String, String>> names, String userAgent) {
        return names.stream().filter(e -> userAgent.contains(e.getKey())).map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
