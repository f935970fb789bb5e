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
    private final Lockout lockout = Policies.lockout(3, Duration.ofMinutes(15), 0, clock);
    private final org.twostep.account.Account account = Policies.account();

    @Test
    void theThresholdthWrongCodeRefusesCodesForTheFirstWait() {
        assertFalse(lockout.countWrongCode(account));
        assertFalse(lockout.countWrongCode(account));
        assertDoesNotThrow(() -> lockout.checkCodes(account));
        assertTrue(lockout.countWrongCode(account), "the third failure locks");
        LockedOutException locked = assertThrows(LockedOutException.class, () -> lockout.checkCodes(account));
        assertEquals(clock.instant().plus(Duration.ofMinutes(15)), locked.retryAt());
        assertEquals(0, account.failedSecondFactors(), "the count starts again");
    }

    @Test
    void aLockoutEndsWhenItsTimeIsUpAndTheNextOneLastsTwiceAsLong() {
        lockTheCodes();
        clock.move(Duration.ofMinutes(15).minusSeconds(1));
        assertThrows(LockedOutException.class, () -> lockout.checkCodes(account));
        clock.move(Duration.ofSeconds(1));
        assertDoesNotThrow(() -> lockout.checkCodes(account));

        lockTheCodes();
        assertEquals(clock.instant().plus(Duration.ofMinutes(30)), account.lockedUntil(), "the second waits twice as long");
        clock.move(Duration.ofMinutes(30));
        lockTheCodes();
        clock.move(Duration.ofMinutes(60));
        lockTheCodes();
        assertEquals(clock.instant().plus(Duration.ofMinutes(60)), account.lockedUntil(), "up to the longest wait");
    }

    @Test
    void aQuietDayForgetsTheEscalation() {
        lockTheCodes();
        clock.move(Duration.ofMinutes(15));
        lockTheCodes();
        clock.move(Duration.ofMinutes(30).plus(Duration.ofDays(1)));
        lockTheCodes();
        assertEquals(clock.instant().plus(Duration.ofMinutes(15)), account.lockedUntil(), "a first lockout again");
    }

    @Test
    void wrongCodesDuringALockoutChangeNothing() {
        lockTheCodes();
        Instant until = account.lockedUntil();
        assertFalse(lockout.countWrongCode(account));
        assertEquals(until, account.lockedUntil());
        assertEquals(0, account.failedSecondFactors());
    }

    @Test
    void aSignInClearsTheCountButNotALockoutUnderWay() {
        lockout.countWrongCode(account);
        lockout.countWrongCode(account);
        lockout.clearCodes(account);
        assertEquals(0, account.failedSecondFactors());
        assertNull(account.lockedUntil());

        lockTheCodes();
        lockout.clearCodes(account); // a recovery code or a key, during the lockout
        assertThrows(LockedOutException.class, () -> lockout.checkCodes(account), "the lockout runs its time");
    }

    @Test
    void withPermanentAfterTwoTheSecondLockoutLastsUntilAnAdministratorLiftsIt() {
        Lockout strict = Policies.lockout(3, Duration.ofMinutes(15), 2, clock);
        for (int i = 0; i < 3; i++) {
            strict.countWrongCode(account);
        }
        clock.move(Duration.ofMinutes(15));
        for (int i = 0; i < 3; i++) {
            strict.countWrongCode(account);
        }
        clock.move(Duration.ofDays(30));
        LockedOutException locked = assertThrows(LockedOutException.class, () -> strict.checkCodes(account));
        assertNull(locked.retryAt(), "no time given: only an administrator lifts it");
    }

    @Test
    void unknownUsernamesWaitExactlyAsAccountsDo() {
        for (int i = 0; i < 3; i++) {
            assertNull(lockout.unknownUsernameWait("nobody"));
            assertNull(lockout.passwordWait(account));
            lockout.countUnknownUsername("nobody");
            lockout.countWrongPassword(account);
        }
        assertEquals(lockout.passwordWait(account), lockout.unknownUsernameWait("nobody"));
        assertEquals(clock.instant().plus(Duration.ofMinutes(15)), lockout.unknownUsernameWait("nobody"));
    }

    private void lockTheCodes() {
        for (int i = 0; i < 2; i++) {
            assertFalse(lockout.countWrongCode(account));
        }
        assertTrue(lockout.countWrongCode(account));
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
