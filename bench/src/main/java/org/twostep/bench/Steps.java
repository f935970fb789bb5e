package org.twostep.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Latencies per step, of one worker (no sharing while measuring), merged into a level's result. Only
 * what is recorded while {@link #measuring} counts.
 */
final class Steps {

    private final Map<String, long[]> nanos = new LinkedHashMap<>();
    private final Map<String, Integer> sizes = new LinkedHashMap<>();
    boolean measuring;

    void record(String step, long elapsedNanos) {
        if (!measuring) {
            return;
        }
        long[] values = nanos.computeIfAbsent(step, s -> new long[1024]);
        int size = sizes.getOrDefault(step, 0);
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
            nanos.put(step, values);
        }
        values[size] = elapsedNanos;
        sizes.put(step, size + 1);
    }

    void addTo(Steps all) {
        nanos.forEach((step, values) -> {
            for (int i = 0; i < sizes.get(step); i++) {
                all.measuring = true;
                all.record(step, values[i]);
            }
        });
    }

    /** Percentiles in milliseconds, per step in the order first seen. */
    Map<String, Percentiles> percentiles() {
        Map<String, Percentiles> result = new LinkedHashMap<>();
        nanos.forEach((step, values) -> result.put(step, Percentiles.of(Arrays.copyOf(values, sizes.get(step)))));
        return result;
    }

    record Percentiles(int count, double p50, double p95, double p99) {
        static Percentiles of(long[] nanos) {
            Arrays.sort(nanos);
            return new Percentiles(nanos.length, at(nanos, 0.50), at(nanos, 0.95), at(nanos, 0.99));
        }

        private static double at(long[] sorted, double quantile) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(quantile * sorted.length) - 1; // nearest rank
            return sorted[Math.max(0, index)] / 1e6;
        }
    }
}
