package org.twostep.totp;

import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;

/**
 * The submitted code is valid for a time step outside the accepted window but within ±10 steps of
 * now: the device clock is probably wrong. Not a login; the caller may tell the user to fix the clock.
 * Reason: {@link Reason#CLOCK_SKEW_SUSPECTED}.
 *
 * <pre>{@code
 * try {
 *     verifier.verify(secret, params, code, now, lastStep);
 * } catch (ClockSkewSuspectedException e) {
 *     long off = e.offsetSeconds();   // e.g. -150: the device is 2.5 minutes behind
 * }
 * }</pre>
 */
public final class ClockSkewSuspectedException extends VerificationException {

    private static final long serialVersionUID = 1L;

    private final long offsetSeconds;

    /**
     * @param offsetSeconds (matched step - current step) * period; negative when the code is from the past
     */
    public ClockSkewSuspectedException(long offsetSeconds) {
        super(Reason.CLOCK_SKEW_SUSPECTED);
        this.offsetSeconds = offsetSeconds;
    }

    /**
     * @return how far the device clock seems to be off, in seconds, as a whole number of steps;
     *         negative when the device is behind (the code is from the past)
     */
    public long offsetSeconds() {
        return offsetSeconds;
    }
}
