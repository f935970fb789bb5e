package org.twostep.policy;

import java.time.Duration;
import java.time.Instant;

/**
 * The arithmetic of a lockout that grows: {@code threshold} failures in a row start a wait; each
 * further lockout waits twice as long as the one before, up to {@code maxWait}; a quiet period
 * after a wait ended forgets the escalation. Plain and immutable, so that it is tested on its own.
 *
 * <pre>{@code
 * Escalation codes = new Escalation(10, Duration.ofMinutes(15), Duration.ofHours(24), Duration.ofDays(1));
 * Escalation.Count next = codes.fail(count, now);   // next.until() is set when this failure started a wait
 * }</pre>
 *
 * @param threshold   failures in a row that start a wait
 * @param firstWait   the first wait; doubled at each further lockout
 * @param maxWait     the longest wait
 * @param quietPeriod how long after a wait ended the escalation is forgotten
 */
public record Escalation(int threshold, Duration firstWait, Duration maxWait, Duration quietPeriod) {

    /**
     * The state of one counter.
     *
     * @param failures failures since the last success or the last lockout
     * @param lockouts lockouts in a row, not yet forgotten
     * @param until    the end of the current or the last wait; null when there was none
     */
    public record Count(int failures, int lockouts, Instant until) {

        public static final Count NONE = new Count(0, 0, null);

        /** Whether a wait is under way at {@code now}. */
        public boolean isWaiting(Instant now) {
            return until != null && now.isBefore(until);
        }
    }

    /** The counter after one more failure at {@code now}; a failure during a wait changes nothing. */
    public Count fail(Count count, Instant now) {
        if (count.isWaiting(now)) {
            return count;
        }
        int lockouts = count.lockouts();
        if (count.until() != null && !now.isBefore(count.until().plus(quietPeriod))) {
            lockouts = 0; // quiet long enough: the next lockout is a first one again
        }
        int failures = count.failures() + 1;
        if (failures < threshold) {
            return new Count(failures, lockouts, count.until());
        }
        return new Count(0, lockouts + 1, now.plus(waitOf(lockouts + 1)));
    }

    /** How long the n-th lockout in a row lasts (n from 1). */
    public Duration waitOf(int lockout) {
        Duration wait = firstWait;
        for (int i = 1; i < lockout && wait.compareTo(maxWait) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxWait) < 0 ? wait : maxWait;
    }
}
