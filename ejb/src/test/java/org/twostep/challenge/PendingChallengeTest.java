package org.twostep.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PendingChallengeTest {

    private static final Instant OPENED = Instant.parse("2026-12-01T09:00:00Z");
    private static final Duration TTL = Duration.ofMinutes(5);

    private final PendingChallenge challenge = new PendingChallenge(7, "alice", PendingChallenge.Purpose.SECOND_FACTOR,
            "c0ffee00-0000-4000-8000-000000000000", OPENED, OPENED.plus(TTL));

    @Test
    void aPendingChallengeMayBeUsedUntilItsTimeToLiveEnds() {
        assertEquals(PendingChallenge.State.PENDING, challenge.state());
        assertNull(challenge.refusalAt(OPENED.plus(TTL).minusMillis(1)));
        assertInstanceOf(ChallengeExpiredException.class, challenge.refusalAt(OPENED.plus(TTL)));
        assertEquals(PendingChallenge.State.EXPIRED, challenge.state(), "found expired, it is marked so");
        assertInstanceOf(ChallengeExpiredException.class, challenge.refusalAt(OPENED), "and stays expired");
    }

    @Test
    void theLastAllowedFailureLocksIt() {
        assertFalse(challenge.countFailure(3, OPENED));
        assertFalse(challenge.countFailure(3, OPENED));
        assertTrue(challenge.countFailure(3, OPENED));
        assertEquals(3, challenge.attempts());
        assertInstanceOf(TooManyAttemptsException.class, challenge.refusalAt(OPENED));
    }

    @Test
    void aConsumedChallengeIsNoLongerPending() {
        challenge.consume(OPENED);
        assertInstanceOf(NoPendingChallengeException.class, challenge.refusalAt(OPENED));
    }

    @Test
    void idsAreRandomUuids() {
        PendingChallenge other = new PendingChallenge(7, "alice", PendingChallenge.Purpose.SECOND_FACTOR,
                challenge.correlationId(), OPENED, OPENED.plus(TTL));
        assertNotEquals(challenge.id(), other.id());
        assertEquals(4, java.util.UUID.fromString(challenge.id()).version());
    }
}
