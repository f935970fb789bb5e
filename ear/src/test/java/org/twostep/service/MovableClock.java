package org.twostep.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The clock of the in-container tests ({@link TestClocks} puts it in place of the production clock):
 * it starts at the real time and moves only when a test moves it, so expiry, lockout and step-up are
 * tested without sleeping.
 */
public class MovableClock extends Clock {

    private volatile Instant now = realNow();

    /** Moves the clock forward (or, with a negative duration, back). */
    public void move(Duration by) {
        now = now.plus(by);
    }

    /** Back to the real time, so tests do not see each other's moves. */
    public void reset() {
        now = realNow();
    }

    /** In whole milliseconds, as the production clock ticks. */
    private static Instant realNow() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
