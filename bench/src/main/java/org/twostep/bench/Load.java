package org.twostep.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load generator: a closed loop of logins at each concurrency in turn, every login from a fresh
 * cookie jar (and an address of its own in {@code X-Forwarded-For}), over shared keep-alive
 * connections; a warm-up, then a measurement window with the server's CPU and memory read from
 * {@code /proc}. Prints one JSON line per level (and appends it to {@code --out}).
 *
 * <pre>
 * java -cp ... org.twostep.bench.Load --flow twostep --base http://127.0.0.1:8080 --server-pid 1234 \
 *      --users 10000 --concurrency 1,2,4,8 --first-warmup 120 --warmup 15 --window 45 --label "pbkdf2 1024" --out results.jsonl
 * </pre>
 */
public final class Load {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        URI base = URI.create(options.getOrDefault("base", "http://127.0.0.1:8080"));
        String flowName = options.getOrDefault("flow", "twostep");
        long pid = Long.parseLong(Options.required(options, "server-pid"));
        int users = Integer.parseInt(options.getOrDefault("users", "10000"));
        Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "15")));
        // A fresh server compiles its hot paths for minutes: the first level warms up longer.
        Duration firstWarmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("first-warmup", "120")));
        Duration window = Duration.ofSeconds(Long.parseLong(options.getOrDefault("window", "45")));
        String label = options.getOrDefault("label", "");
        Path out = options.containsKey("out") ? Path.of(options.get("out")) : null;
        Recording recording = options.containsKey("jfr") ? new Recording(options.get("jcmd"), pid, Path.of(options.get("jfr"))) : null;

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        LoginFlow flow = switch (flowName) {
            case "twostep" -> new TwoStepFlow(base);
            case "twostep-oidc" -> new TwoStepOidcFlow(base, http);
            case "keycloak" -> new KeycloakFlow(base);
            default -> throw new IllegalArgumentException("--flow twostep, twostep-oidc or keycloak");
        };
        AtomicInteger next = new AtomicInteger(ThreadLocalRandom.current().nextInt(users));
        boolean first = true;
        for (String level : options.getOrDefault("concurrency", "1,2,4,8").split(",")) {
            Level result = new Level(flow, http, users, next, Integer.parseInt(level.strip()))
                    .run(first ? firstWarmup : warmup, window, pid, recording, label);
            first = false;
            String json = result.toJson(flowName, label);
            System.out.println(json);
            if (out != null) {
                Files.writeString(out, json + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
    }

    /** One concurrency level: its workers, its window, what it measured. */
    static final class Level {
        private final LoginFlow flow;
        private final HttpClient http;
        private final int users;
        private final AtomicInteger next;
        private final int concurrency;
        private volatile boolean running = true;
        private volatile boolean measuring;

        private final Steps steps = new Steps();
        private final Steps logins = new Steps();
        private final Map<String, Integer> errors = new LinkedHashMap<>();
        private int signedIn;
        private double seconds;
        private double serverCpuMillis;
        private double machineBusy;
        private long rssKib;

        Level(LoginFlow flow, HttpClient http, int users, AtomicInteger next, int concurrency) {
            this.flow = flow;
            this.http = http;
            this.users = users;
            this.next = next;
            this.concurrency = concurrency;
        }

        Level run(Duration warmup, Duration window, long pid, Recording recording, String label) throws Exception {
            List<Worker> workers = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                Worker worker = new Worker();
                workers.add(worker);
                worker.thread.start();
            }
            Thread.sleep(warmup.toMillis());
            if (recording != null) {
                recording.start(label + "-c" + concurrency);
            }
            ServerSample before = ServerSample.of(pid);
            measuring = true;
            long peakRss = 0;
            long end = System.nanoTime() + window.toNanos();
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                peakRss = Math.max(peakRss, ServerSample.of(pid).rssKib());
            }
            measuring = false;
            ServerSample after = ServerSample.of(pid);
            if (recording != null) {
                recording.stop();
            }
            running = false;
            for (Worker worker : workers) {
                worker.thread.join();
                worker.steps.addTo(steps);
                worker.logins.addTo(logins);
                signedIn += worker.signedIn;
                worker.errors.forEach((reason, n) -> errors.merge(reason, n, Integer::sum));
            }
            seconds = (after.nanos() - before.nanos()) / 1e9;
            serverCpuMillis = after.cpuMillisSince(before);
            machineBusy = after.machineBusyPercentSince(before);
            rssKib = Math.max(peakRss, after.rssKib());
            return this;
        }

        /** A login counts when it began and ended inside the window. */
        final class Worker {
            final Thread thread = new Thread(this::loop, "login-" + concurrency);
            final Steps steps = new Steps();
            final Steps logins = new Steps();
            final Map<String, Integer> errors = new LinkedHashMap<>();
            int signedIn;

            void loop() {
                while (running) {
                    boolean counted = measuring;
                    steps.measuring = counted;
                    String username = BenchUsers.username(1 + Math.floorMod(next.getAndIncrement(), users));
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    String address = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
                    long start = System.nanoTime();
                    try {
                        flow.login(new Browser(http, address, steps), username);
                        if (counted && measuring) {
                            signedIn++;
                            logins.measuring = true;
                            logins.record("login", System.nanoTime() - start);
                        }
                    } catch (Browser.FlowException e) {
                        if (counted && measuring) {
                            errors.merge(e.getMessage(), 1, Integer::sum);
                        }
                    }
                }
            }
        }

        String toJson(String flowName, String label) {
            StringBuilder json = new StringBuilder("{");
            json.append("\"flow\":\"").append(flowName).append("\",\"label\":\"").append(Json.escape(label)).append('"');
            json.append(",\"concurrency\":").append(concurrency);
            json.append(",\"seconds\":").append(Json.number(seconds));
            json.append(",\"logins\":").append(signedIn);
            json.append(",\"logins_per_s\":").append(Json.number(signedIn / seconds));
            json.append(",\"server_cpu_ms_per_login\":").append(signedIn == 0 ? "null" : Json.number(serverCpuMillis / signedIn));
            json.append(",\"server_cpu_cores\":").append(Json.number(serverCpuMillis / 1000 / seconds));
            json.append(",\"machine_busy_pct\":").append(Json.number(machineBusy));
            json.append(",\"server_rss_mib\":").append(rssKib / 1024);
            json.append(",\"login_ms\":").append(Json.percentiles(logins.percentiles().get("login")));
            json.append(",\"steps_ms\":{");
            String separator = "";
            for (Map.Entry<String, Steps.Percentiles> step : steps.percentiles().entrySet()) {
                json.append(separator).append('"').append(step.getKey()).append("\":").append(Json.percentiles(step.getValue()));
                separator = ",";
            }
            json.append("},\"errors\":{");
            separator = "";
            for (Map.Entry<String, Integer> error : errors.entrySet()) {
                json.append(separator).append('"').append(Json.escape(error.getKey())).append("\":").append(error.getValue());
                separator = ",";
            }
            return json.append("}}").toString();
        }
    }

    /** A JFR recording of the server over each measurement window, by the server JDK's {@code jcmd}. */
    record Recording(String jcmd, long pid, Path directory) {
        void start(String name) throws Exception {
            Path file = directory.toAbsolutePath().resolve("profile-" + name.replaceAll("[^A-Za-z0-9.-]", "-") + ".jfr");
            run("JFR.start", "name=bench", "settings=profile", "filename=" + file);
        }

        void stop() throws Exception {
            run("JFR.stop", "name=bench");
        }

        private void run(String... command) throws Exception {
            List<String> line = new ArrayList<>(List.of(jcmd == null ? "jcmd" : jcmd, Long.toString(pid)));
            line.addAll(List.of(command));
            Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed");
            }
        }
    }

    private Load() {
    }
}
