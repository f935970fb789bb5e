package org.twostep.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EscalationTest {

    @Test
    void theDefaultsAllowFewerThanOneHundredWrongCodesADay() {
        // twostep.lockout.threshold, .duration, .max-duration and .reset-after, as they ship
        Escalation codes = new Escalation(10, Duration.ofMinutes(15), Duration.ofHours(24), Duration.ofDays(1));
        // 10 wrong codes, then waits of 15, 30, 60, 120, 240 and 480 minutes (945 in all) and a seventh
        // lockout of 960: 70 wrong codes in the first day, then 10 a day (NIST SP 800-63B §5.2.2: under 100).
        assertEquals(70, mostFailuresIn(codes, Duration.ofDays(1)));
        assertTrue(mostFailuresIn(codes, Duration.ofDays(2)) - mostFailuresIn(codes, Duration.ofDays(1)) <= 20);
    }

    @Test
    void waitsDoubleUpToTheLongest() {
        Escalation escalation = new Escalation(3, Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofDays(1));
        assertEquals(Duration.ofMinutes(1), escalation.waitOf(1));
        assertEquals(Duration.ofMinutes(2), escalation.waitOf(2));
        assertEquals(Duration.ofMinutes(4), escalation.waitOf(3));
        assertEquals(Duration.ofMinutes(5), escalation.waitOf(4));
        assertEquals(Duration.ofMinutes(5), escalation.waitOf(40));
    }

    /** The most failures the escalation allows in {@code period} to someone who keeps failing from a clean start. */
    private static int mostFailuresIn(Escalation escalation, Duration period) {
        int failures = 0;
        Duration elapsed = Duration.ZERO;
        for (int lockout = 1; elapsed.compareTo(period) < 0; lockout++) {
            failures += escalation.threshold();
            elapsed = elapsed.plus(escalation.waitOf(lockout));
        }
        return failures;
    }
}
