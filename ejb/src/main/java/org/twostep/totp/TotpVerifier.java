package org.twostep.totp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;

/**
 * Checks a submitted TOTP code (RFC 6238) against a secret, with a tolerance window for clock drift,
 * replay protection and clock-skew detection. Stateless and thread-safe; the caller stores the
 * returned step as the new {@code lastAcceptedStep}.
 *
 * <pre>{@code
 * TotpVerifier verifier = new TotpVerifier();      // accepts ±1 step
 * long step = verifier.verify(secret, TotpParameters.defaults(), "123456", Instant.now(), lastStep);
 * // keep "step": the next code must match a later one (TotpAuthenticators stores it per app)
 * }</pre>
 *
 * @see MalformedCodeException
 * @see TotpReplayedException
 * @see ClockSkewSuspectedException
 * @see TotpMismatchException
 */
public final class TotpVerifier {

    /** Steps either side of now that are still searched, to tell "clock skew" from "wrong code". */
    static final int SKEW_SEARCH_STEPS = 10;

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
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(now, "now");
        if (!isWellFormed(code, p.digits())) {
            throw new MalformedCodeException();
        }
        byte[] submitted = code.getBytes(StandardCharsets.US_ASCII);
        // RFC 6238 §4.2: T = floor(unix time / X).
        long current = p.stepAt(now);

        // RFC 6238 §5.2: accept steps within the window, nearest first (0, -1, +1, -2, +2, ...).
        // Every step of the window is computed and compared, so the timing does not depend on which matched.
        long accepted = -1;
        boolean replayed = false;
        for (int distance = 0; distance <= window; distance++) {
            for (int sign : distance == 0 ? new int[] {0} : new int[] {-1, 1}) {
                long step = current + (long) sign * distance;
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
