package org.twostep.refusal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RefusalTest {

    @ParameterizedTest
    @EnumSource(Reason.class)
    void everyReasonHasAShortMessageThatNamesNoInternals(Reason reason) {
        Refusal refusal = Refusal.of(reason);
        assertEquals(reason, refusal.reason());
        assertTrue(refusal.message().length() >= 10 && refusal.message().length() <= 140, refusal.message());
        assertTrue(refusal.message().endsWith("."), refusal.message());
        assertFalse(refusal.message().contains(reason.name()), "no reason code in front of the user: " + refusal.message());
        assertFalse(refusal.message().toLowerCase().contains("exception"), refusal.message());
        if (reason == Reason.SERVICE_BUSY) {
            assertEquals(503, refusal.status(), "busy is the server's: try again");
        } else {
            assertTrue(refusal.status() >= 400 && refusal.status() < 500, "a client's refusal is never a server error");
        }
    }

    @Test
    void onlyAnExpiredOrFinishedChallengeEndsTheLogin() {
        Set<Reason> ending = Arrays.stream(Reason.values()).filter(r -> Refusal.of(r).endsLogin())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Reason.class)));
        // A lockout of codes does not: a key, a passkey or a recovery code on the same page still signs in.
        assertEquals(EnumSet.of(Reason.NO_PENDING_CHALLENGE, Reason.CHALLENGE_EXPIRED, Reason.TOO_MANY_ATTEMPTS), ending);
    }

    @Test
    void aRateLimitNamesTheTimeToTryAgainAndIsTemporary() {
        Instant at = Instant.parse("2026-12-01T14:32:10Z");
        Refusal refusal = Refusal.of(new org.twostep.policy.RateLimitedException(at));
        assertEquals(429, refusal.status());
        assertTrue(refusal.isTemporary());
        assertTrue(refusal.message().startsWith("Too many attempts. Try again at "), refusal.message());
        assertEquals(10, refusal.retryAfterSeconds(at.minusSeconds(10)));
        assertEquals(11, refusal.retryAfterSeconds(at.minusMillis(10_001)), "whole seconds, rounded up");
        assertTrue(refusal.message().length() <= 140);
    }

    @Test
    void busyIsTemporaryAndSaysNothingWasChanged() {
        Refusal refusal = Refusal.of(new org.twostep.fault.ServiceBusyException());
        assertTrue(refusal.isTemporary());
        assertTrue(refusal.message().contains("Nothing was changed"), refusal.message());
        assertTrue(refusal.retryAfterSeconds(Instant.now()) >= 1);
    }

    @Test
    void aWrongPasswordAndAnUnknownUserReadTheSame() {
        assertEquals(Refusal.of(Reason.BAD_PASSWORD).message(), Refusal.of(Reason.UNKNOWN_USER).message());
        assertEquals(Refusal.of(Reason.BAD_PASSWORD).message(), Refusal.of(Reason.ACCOUNT_DISABLED).message());
        assertEquals(Refusal.of(Reason.BAD_PASSWORD).status(), Refusal.of(Reason.UNKNOWN_USER).status());
    }

    @Test
    void aCodeForAnotherTimeStepReadsLikeAWrongCode() {
        Refusal wrong = Refusal.of(Reason.TOTP_MISMATCH);
        Refusal skewed = Refusal.of(Reason.CLOCK_SKEW_SUSPECTED);
        assertEquals(wrong.message(), skewed.message(), "no oracle for a guess right at another step");
        assertEquals(wrong.status(), skewed.status());
        assertEquals(wrong.endsLogin(), skewed.endsLogin());
    }

    @Test
    void statusesTellMalformedFromRefusedFromMissing() {
        assertEquals(400, Refusal.of(Reason.WEBAUTHN_MALFORMED).status());
        assertEquals(400, Refusal.of(Reason.MALFORMED_CODE).status());
        assertEquals(401, Refusal.of(Reason.NO_PENDING_CHALLENGE).status());
        assertEquals(401, Refusal.of(Reason.NOT_SIGNED_IN).status());
        assertEquals(403, Refusal.of(Reason.WEBAUTHN_BAD_SIGNATURE).status());
        assertEquals(403, Refusal.of(Reason.STEP_UP_REQUIRED).status());
        assertEquals(409, Refusal.of(Reason.WEBAUTHN_ALREADY_REGISTERED).status());
    }

    @Test
    void theExceptionCarriesItsReasonAndNothingElse() {
        VerificationException e = new VerificationException(Reason.TOTP_REPLAYED) {
        };
        assertEquals(Reason.TOTP_REPLAYED, e.reason());
        assertEquals("TOTP_REPLAYED", e.getMessage());
    }
}
