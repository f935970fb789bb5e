package org.twostep.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table of a results file: one row per JSON line, as the README's "Performance" section shows it.
 *
 * <pre>
 * java -cp ... org.twostep.bench.Report target/results.jsonl
 * </pre>
 */
public final class Report {

    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(args[0])).stream().filter(l -> l.startsWith("{")).toList();
        System.out.println("| flow | setting | c | logins/s | server CPU ms/login | machine busy | server RSS MiB "
                + "| login p50 / p99 ms | password step p50 / p99 | code step p50 / p99 | errors |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (String line : lines) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s %% | %s | %s / %s | %s / %s | %s / %s | %s |%n",
                    text(line, "flow"), text(line, "label"), number(line, "concurrency"), number(line, "logins_per_s"),
                    number(line, "server_cpu_ms_per_login"), number(line, "machine_busy_pct"), number(line, "server_rss_mib"),
                    nested(line, "login_ms", "p50"), nested(line, "login_ms", "p99"),
                    nested(line, "\"password\"", "p50"), nested(line, "\"password\"", "p99"),
                    nested(line, "\"code\"", "p50"), nested(line, "\"code\"", "p99"),
                    errors(line));
        }
    }

    private static String text(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : "";
    }

    private static String number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":([-0-9.]+|null)").matcher(json);
        return m.find() ? m.group(1) : "";
    }

    private static String nested(String json, String object, String key) {
        int at = json.indexOf(object.startsWith("\"") ? object + ":" : "\"" + object + "\":");
        if (at < 0) {
            return "";
        }
        return number(json.substring(at, json.indexOf('}', at) + 1), key);
    }

    private static String errors(String json) {
        String errors = json.substring(json.indexOf("\"errors\":{") + 10, json.lastIndexOf("}}"));
        return errors.isEmpty() ? "0" : errors.replace("\"", "").replace("|", "/");
    }

    private Report() {
    }
}
