package org.twostep.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.twostep.refusal.Reason;

class TotpVerifierTest {

    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final TotpParameters P = TotpParameters.defaults();
    // 15 s into a 30 s step.
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:15Z");
    private static final long CURRENT = P.stepAt(NOW);

    private final TotpVerifier verifier = new TotpVerifier(1);

    private static String codeAt(long step) {
        return Hotp.generate(SECRET, step, P.digits(), P.algorithm());
    }

    @Test
    void acceptsCurrentStep() {
        assertEquals(CURRENT, verifier.verify(SECRET, P, codeAt(CURRENT), NOW, -1));
    }

    @Test
    void acceptsPreviousStep() {
        assertEquals(CURRENT - 1, verifier.verify(SECRET, P, codeAt(CURRENT - 1), NOW, -1));
    }

    @Test
    void acceptsNextStep() {
        assertEquals(CURRENT + 1, verifier.verify(SECRET, P, codeAt(CURRENT + 1), NOW, -1));
    }

    @Test
    void defaultConstructorAcceptsOneStepEitherSide() {
        TotpVerifier byDefault = new TotpVerifier();
        assertEquals(1, byDefault.window());
        assertEquals(CURRENT - 1, byDefault.verify(SECRET, P, codeAt(CURRENT - 1), NOW, -1));
    }

    @Test
    void acceptsCodeNewerThanLastAcceptedStep() {
        assertEquals(CURRENT, verifier.verify(SECRET, P, codeAt(CURRENT), NOW, CURRENT - 1));
    }

    @Test
    void refusesReplayOfAcceptedStep() {
        String code = codeAt(CURRENT);
        long accepted = verifier.verify(SECRET, P, code, NOW, -1);

        TotpReplayedException e = assertThrows(TotpReplayedException.class,
                () -> verifier.verify(SECRET, P, code, NOW.plusSeconds(10), accepted));
        assertEquals(Reason.TOTP_REPLAYED, e.reason());
    }

    @Test
    void refusesStepOlderThanLastAccepted() {
        TotpReplayedException e = assertThrows(TotpReplayedException.class,
                () -> verifier.verify(SECRET, P, codeAt(CURRENT - 1), NOW, CURRENT));
        assertEquals(Reason.TOTP_REPLAYED, e.reason());
    }

    @Test
    void codeFromFiveStepsAgoSuggestsClockSkewOf150SecondsBehind() {
        ClockSkewSuspectedException e = assertThrows(ClockSkewSuspectedException.class,
                () -> verifier.verify(SECRET, P, codeAt(CURRENT - 5), NOW, -1));
        assertEquals(-150, e.offsetSeconds());
        assertEquals(Reason.CLOCK_SKEW_SUSPECTED, e.reason());
    }

    @Test
    void codeFromFiveStepsAheadSuggestsClockSkewOf150SecondsAhead() {
        ClockSkewSuspectedException e = assertThrows(ClockSkewSuspectedException.class,
                () -> verifier.verify(SECRET, P, codeAt(CURRENT + 5), NOW, -1));
        assertEquals(150, e.offsetSeconds());
    }

    @Test
    void zeroWindowTreatsPreviousStepAsClockSkew() {
        ClockSkewSuspectedException e = assertThrows(ClockSkewSuspectedException.class,
                () -> new TotpVerifier(0).verify(SECRET, P, codeAt(CURRENT - 1), NOW, -1));
        assertEquals(-30, e.offsetSeconds());
    }

    @Test
    void codeElevenStepsAwayIsMismatch() {
        TotpMismatchException past = assertThrows(TotpMismatchException.class,
                () -> verifier.verify(SECRET, P, codeAt(CURRENT - 11), NOW, -1));
        assertEquals(Reason.TOTP_MISMATCH, past.reason());
        TotpMismatchException future = assertThrows(TotpMismatchException.class,
                () -> verifier.verify(SECRET, P, codeAt(CURRENT + 11), NOW, -1));
        assertEquals(Reason.TOTP_MISMATCH, future.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "1234567", "12a456", "", " 12345", "١٢٣٤٥٦"})
    void malformedCodeIsRefusedBeforeAnyComparison(String code) {
        MalformedCodeException e = assertThrows(MalformedCodeException.class,
                () -> verifier.verify(SECRET, P, code, NOW, -1));
        assertEquals(Reason.MALFORMED_CODE, e.reason());
        assertEquals("MALFORMED_CODE", e.getMessage());
    }

    @Test
    void nullCodeIsMalformed() {
        assertThrows(MalformedCodeException.class, () -> verifier.verify(SECRET, P, null, NOW, -1));
    }

    @Test
    void eightDigitParametersRequireEightDigits() {
        TotpParameters eight = new TotpParameters(TotpAlgorithm.SHA256, 8, 30);
        String code = Hotp.generate(SECRET, CURRENT, 8, TotpAlgorithm.SHA256);
        assertEquals(CURRENT, verifier.verify(SECRET, eight, code, NOW, -1));
        assertThrows(MalformedCodeException.class, () -> verifier.verify(SECRET, eight, code.substring(2), NOW, -1));
    }

    @Test
    void negativeWindowIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new TotpVerifier(-1));
    }

    @Test
    void parametersValidateDigitsAndPeriod() {
        assertThrows(IllegalArgumentException.class, () -> new TotpParameters(TotpAlgorithm.SHA1, 7, 30));
        assertThrows(IllegalArgumentException.class, () -> new TotpParameters(TotpAlgorithm.SHA1, 6, 0));
        assertThrows(NullPointerException.class, () -> new TotpParameters(null, 6, 30));
    }

    @Test
    void stepAtIsFloorOfEpochSecondsOverPeriod() {
        assertEquals(0, P.stepAt(Instant.ofEpochSecond(29)));
        assertEquals(1, P.stepAt(Instant.ofEpochSecond(30)));
        assertEquals(-1, P.stepAt(Instant.ofEpochSecond(-1)));
    }

    @Test
    void aKnownDriftCentresTheWindowOnTheDevice() {
        // The device was last 4 steps (2 minutes) behind: its codes from there on either side are accepted.
        for (long step : new long[] {CURRENT - 5, CURRENT - 4, CURRENT - 3}) {
            assertEquals(step, verifier.verify(SECRET, P, codeAt(step), NOW, -1, -4));
        }
        assertEquals(-4, TotpVerifier.driftOf(CURRENT - 4, P, NOW));
    }

    @Test
    void aClockSetRightAgainWorksAtOnce() {
        assertEquals(CURRENT, verifier.verify(SECRET, P, codeAt(CURRENT), NOW, -1, -4));
        assertEquals(0, TotpVerifier.driftOf(CURRENT, P, NOW));
    }

    @Test
    void aKnownDriftWidensNothingElse() {
        // Between the device's window (-5..-3) and now's (-1..+1), and beyond either: still refused.
        for (long step : new long[] {CURRENT - 2, CURRENT - 6, CURRENT + 2}) {
            assertThrows(ClockSkewSuspectedException.class, () -> verifier.verify(SECRET, P, codeAt(step), NOW, -1, -4));
        }
    }

    @Test
    void theDriftFollowedHasALimit() {
        assertEquals(TotpVerifier.MAX_DRIFT_STEPS, TotpVerifier.driftOf(CURRENT + 40, P, NOW));
        assertEquals(-TotpVerifier.MAX_DRIFT_STEPS, TotpVerifier.driftOf(CURRENT - 40, P, NOW));
        // A drift beyond the limit (a tampered row) is taken as the limit.
        assertThrows(TotpMismatchException.class, () -> verifier.verify(SECRET, P, codeAt(CURRENT - 30), NOW, -1, -30));
        assertEquals(CURRENT - 10, verifier.verify(SECRET, P, codeAt(CURRENT - 10), NOW, -1, -30));
    }

    @Test
    void aDriftingDeviceStillCannotReplay() {
        assertThrows(TotpReplayedException.class, () -> verifier.verify(SECRET, P, codeAt(CURRENT - 4), NOW, CURRENT - 4, -4));
    }
}
