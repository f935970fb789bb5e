package org.twostep.policy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LockoutTest {

    private final MovedClock clock = new MovedClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final Lockout lockout = Policies.lockout(3, Duration.ofMinutes(15), clock);
    private final org.twostep.account.Account account = Policies.account();

    @Test
    void theThresholdthFailureLocksTheAccountForTheDuration() {
        assertFalse(lockout.countFailure(account));
        assertFalse(lockout.countFailure(account));
        assertFalse(lockout.isLocked(account));
        assertTrue(lockout.countFailure(account), "the third failure locks");
        assertTrue(lockout.isLocked(account));
        assertThrows(LockedOutException.class, () -> lockout.check(account));
        assertEquals(clock.instant().plus(Duration.ofMinutes(15)), account.lockedUntil());
        assertEquals(0, account.failedSecondFactors(), "the count starts again");
    }

    @Test
    void aLockoutEndsWhenItsTimeIsUp() {
        for (int i = 0; i < 3; i++) {
            lockout.countFailure(account);
        }
        clock.move(Duration.ofMinutes(15).minusSeconds(1));
        assertTrue(lockout.isLocked(account));
        clock.move(Duration.ofSeconds(1));
        assertFalse(lockout.isLocked(account));
        assertDoesNotThrow(() -> lockout.check(account));
    }

    @Test
    void aProvenSecondFactorClearsTheCount() {
        lockout.countFailure(account);
        lockout.countFailure(account);
        lockout.clear(account);
        assertEquals(0, account.failedSecondFactors());
        assertNull(account.lockedUntil());
        assertFalse(lockout.countFailure(account), "two more failures are needed again");
        assertFalse(lockout.countFailure(account));
    }

    /** A clock the test moves. */
    static final class MovedClock extends java.time.Clock {

        private Instant now;

        MovedClock(Instant now) {
            this.now = now;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
