package org.twostep.policy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.twostep.account.SignedIn;

class StepUpWindowTest {

    private final LockoutTest.MovedClock clock = new LockoutTest.MovedClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final StepUpWindow window = Policies.stepUpWindow(Duration.ofMinutes(5), clock);

    @Test
    void aSecondFactorIsFreshForTheWindowAndNoLonger() {
        SignedIn who = new SignedIn(1, "alice", Set.of("user"), clock.instant());
        assertTrue(window.isFresh(who));
        clock.move(Duration.ofMinutes(5).minusSeconds(1));
        assertDoesNotThrow(() -> window.require(who));
        clock.move(Duration.ofSeconds(1));
        assertFalse(window.isFresh(who));
        assertThrows(StepUpRequiredException.class, () -> window.require(who));
        assertTrue(window.isFresh(who.provenAt(clock.instant())), "a step-up makes it fresh again");
    }

    @Test
    void aCallerWithoutASecondFactorIsNeverFresh() {
        assertFalse(window.isFresh(new SignedIn(1, "alice", Set.of("user"), null)));
        assertFalse(window.isFresh(null));
    }
}
