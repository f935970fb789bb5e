package org.twostep.web.login;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.twostep.web.login.SessionChecks.SessionClock;
import org.twostep.web.login.SessionChecks.SessionClock.Verdict;

class SessionClockTest {

    private static final Instant SIGNED_IN = Instant.parse("2026-12-01T08:00:00Z");
    private static final Duration LIFETIME = Duration.ofHours(12);
    private static final Duration RECHECK = Duration.ofMinutes(1);

    @Test
    void aSessionIsTrustedUntilItsRecheckThenLookedAtUntilItsLifetimeEnds() {
        SessionClock clock = new SessionClock(SIGNED_IN, SIGNED_IN);
        assertEquals(Verdict.TRUSTED, clock.at(SIGNED_IN.plusSeconds(59), LIFETIME, RECHECK));
        assertEquals(Verdict.RECHECK, clock.at(SIGNED_IN.plusSeconds(60), LIFETIME, RECHECK));
        SessionClock checked = new SessionClock(SIGNED_IN, SIGNED_IN.plus(LIFETIME).minusSeconds(1));
        assertEquals(Verdict.TRUSTED, checked.at(SIGNED_IN.plus(LIFETIME).minusMillis(1), LIFETIME, RECHECK));
        assertEquals(Verdict.TOO_OLD, checked.at(SIGNED_IN.plus(LIFETIME), LIFETIME, RECHECK),
                "however active, a sign-in ends with its lifetime");
    }
}
