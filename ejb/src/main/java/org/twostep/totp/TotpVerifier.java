package org.twostep.totp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a submitted TOTP code (RFC 6238) against a secret, with a tolerance window for clock drift,
 * replay protection and clock-skew detection. Stateless and thread-safe; the caller stores the
 * returned step as the new {@code lastAcceptedStep}, and its distance from now as the device's drift.
 *
 * <pre>{@code
 * TotpVerifier verifier = new TotpVerifier();      // accepts ±1 step
 * long step = verifier.verify(secret, TotpParameters.defaults(), "123456", Instant.now(), lastStep, drift);
 * // keep "step": the next code must match a later one (TotpAuthenticators stores it per app),
 * // and TotpVerifier.driftOf(step, p, now): the next window is centred there
 * }</pre>
 *
 * <p>RFC 6238 §6 (resynchronization): a device whose clock runs slow or fast keeps working. The
 * window is searched around now and also around where the device's last accepted code put it
 * ({@code driftSteps}), so a drifting clock is followed a step at a time, and a slow clock set right
 * again works at once (one that ran fast, once the server's time passes its last accepted code: a
 * code is never accepted twice). No code further than {@value #MAX_DRIFT_STEPS} steps from now is
 * accepted. With a known drift two windows are searched: up to twice as many codes are accepted
 * as with none (6 in 1,000,000 at ±1), which the lockout's 10 wrong codes bound.
 *
 * @see MalformedCodeException
 * @see TotpReplayedException
 * @see ClockSkewSuspectedException
 * @see TotpMismatchException
 */
public final class TotpVerifier {

    /** Steps either side of now that are still searched, to tell "clock skew" from "wrong code". */
    static final int SKEW_SEARCH_STEPS = 10;

    /** The furthest from now a code is accepted, however the device's clock drifted (RFC 6238 §6 asks for a limit): 10 steps, 5 minutes at 30 s. */
    public static final int MAX_DRIFT_STEPS = 10;

    /** Default accepted window: one step either side (RFC 6238 §5.2 recommends at most one step of delay). */
    public static final int DEFAULT_WINDOW = 1;

    private final int window;

    /** Creates a verifier accepting {@value #DEFAULT_WINDOW} step either side of now. */
    public TotpVerifier() {
        this(DEFAULT_WINDOW);
    }

    /**
     * @param window number of time steps accepted either side of the current one, 0 or more
     */
    public TotpVerifier(int window) {
        if (window < 0) {
            throw new IllegalArgumentException("window must not be negative");
        }
        this.window = window;
    }

    /** @return the number of steps accepted either side of now */
    public int window() {
        return window;
    }

    /**
     * Verifies a code.
     *
     * @param secret           the shared secret, not null
     * @param p                the credential's TOTP parameters, not null
     * @param code             the submitted code
     * @param now              the server's current time, not null
     * @param lastAcceptedStep the step last accepted for this credential, or -1 if none
     * @return the time step the code matched; store it as the new {@code lastAcceptedStep}
     * @throws MalformedCodeException       if the code is not exactly {@code p.digits()} ASCII digits
     * @throws TotpReplayedException        if the code only matches steps at or before {@code lastAcceptedStep}
     * @throws ClockSkewSuspectedException  if the code matches a step outside the window but within ±10 steps
     * @throws TotpMismatchException        otherwise, if the code matches nothing
     */
    public long verify(byte[] secret, TotpParameters p, String code, Instant now, long lastAcceptedStep) {
        return verify(secret, p, code, now, lastAcceptedStep, 0);
    }

    /**
     * Verifies a code from a device whose clock was last seen {@code driftSteps} steps off.
     *
     * @param driftSteps where the device's last accepted code was, in steps from the server's time then
     *                   (negative: the device is behind); 0 for a new device
     * @return the time step the code matched; store it as the new {@code lastAcceptedStep}, and
     *         {@link #driftOf} it as the new drift
     * @see #verify(byte[], TotpParameters, String, Instant, long)
     */
    public long verify(byte[] secret, TotpParameters p, String code, Instant now, long lastAcceptedStep, int driftSteps) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(now, "now");
        if (!isWellFormed(code, p.digits())) {
            throw new MalformedCodeException();
        }
        byte[] submitted = code.getBytes(StandardCharsets.US_ASCII);
        // RFC 6238 §4.2: T = floor(unix time / X).
        long current = p.stepAt(now);

        // RFC 6238 §5.2: accept steps within the window, nearest first (0, -1, +1, -2, +2, ...), around
        // now and (§6) around the device's known drift. Every step searched is computed and compared,
        // so the timing does not depend on which matched.
        // The second window reaches no further than MAX_DRIFT_STEPS from now, its own width included.
        long centre = current + Math.max(window - MAX_DRIFT_STEPS, Math.min(MAX_DRIFT_STEPS - window, driftSteps));
        long accepted = -1;
        boolean replayed = false;
        for (long step : searched(current, centre)) {
            if (step < 0 || !matches(secret, p, step, submitted)) {
                continue;
            }
            if (step <= lastAcceptedStep) {
                // RFC 6238 §5.2: a code must not be accepted a second time.
                replayed = true;
            } else if (accepted < 0) {
                accepted = step;
            }
        }
        if (accepted >= 0) {
            return accepted;
        }
        if (replayed) {
            throw new TotpReplayedException();
        }

        // Outside the window but close: most likely a wrong clock on the device (RFC 6238 §6 resynchronization).
        for (int distance = window + 1; distance <= SKEW_SEARCH_STEPS; distance++) {
            for (int sign : new int[] {-1, 1}) {
                long step = current + (long) sign * distance;
                if (step >= 0 && matches(secret, p, step, submitted)) {
                    throw new ClockSkewSuspectedException((step - current) * p.periodSeconds());
                }
            }
        }
        throw new TotpMismatchException();
    }

    /**
     * The drift to keep after a code matched {@code step} at {@code now}: steps from the server's time,
     * within {@value #MAX_DRIFT_STEPS} either way.
     */
    public static int driftOf(long step, TotpParameters p, Instant now) {
        return clampDrift(step - p.stepAt(now));
    }

    private static int clampDrift(long driftSteps) {
        return (int) Math.max(-MAX_DRIFT_STEPS, Math.min(MAX_DRIFT_STEPS, driftSteps));
    }

    /** The steps of the window around the device's drift, nearest that first, then those around now not yet in it. */
    private long[] searched(long current, long centre) {
        Set<Long> steps = new LinkedHashSet<>();
        for (long around : new long[] {centre, current}) {
            steps.add(around);
            for (int distance = 1; distance <= window; distance++) {
                steps.add(around - distance);
                steps.add(around + distance);
            }
        }
        return steps.stream().mapToLong(Long::longValue).toArray();
    }

    private static boolean matches(byte[] secret, TotpParameters p, long step, byte[] submitted) {
        byte[] expected = Hotp.generate(secret, step, p.digits(), p.algorithm()).getBytes(StandardCharsets.US_ASCII);
        // Constant-time comparison, so response timing leaks nothing about the expected code.
        return MessageDigest.isEqual(expected, submitted);
    }

    private static boolean isWellFormed(String code, int digits) {
        if (code == null || code.length() != digits) {
            return false;
        }
        for (int i = 0; i < digits; i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
