package org.twostep.policy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.twostep.account.SignedIn;
import org.twostep.audit.AuditEvent;
import org.twostep.audit.ClientInfo;
import org.twostep.audit.EventType;
import org.twostep.audit.Method;
import org.twostep.refusal.Reason;

class StepUpWindowTest {

    private static final ClientInfo CLIENT = ClientInfo.of("127.0.0.1", "StepUpWindowTest");

    private final LockoutTest.MovedClock clock = new LockoutTest.MovedClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final List<AuditEvent> audited = new ArrayList<>();
    private final StepUpWindow window = Policies.stepUpWindow(Duration.ofMinutes(5), clock, audited);

    @Test
    void aSecondFactorIsFreshForTheWindowAndNoLonger() {
        SignedIn who = new SignedIn(1, "alice", Set.of("user"), clock.instant(), Method.TOTP, "sid-1");
        assertTrue(window.isFresh(who));
        clock.move(Duration.ofMinutes(5).minusSeconds(1));
        assertDoesNotThrow(() -> window.require(who, EventType.FACTOR_REMOVED, Method.TOTP, CLIENT));
        assertEquals(List.of(), audited);
        clock.move(Duration.ofSeconds(1));
        assertFalse(window.isFresh(who));
        assertThrows(StepUpRequiredException.class, () -> window.require(who, EventType.FACTOR_REMOVED, Method.TOTP, CLIENT));
        assertEquals(1, audited.size(), "the refusal is audited");
        assertEquals(EventType.FACTOR_REMOVED, audited.get(0).type());
        assertEquals(Reason.STEP_UP_REQUIRED, audited.get(0).reason());
        assertEquals(Long.valueOf(1), audited.get(0).accountId());
        assertTrue(window.isFresh(who.provenAt(clock.instant(), Method.WEBAUTHN)), "a step-up makes it fresh again");
    }

    @Test
    void aCallerWithoutASecondFactorIsNeverFresh() {
        assertFalse(window.isFresh(new SignedIn(1, "alice", Set.of("user"), null, null, "sid-1")));
        assertFalse(window.isFresh(null));
    }
}
