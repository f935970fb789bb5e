package org.twostep.totp;

import java.time.Instant;
import java.util.Objects;

/**
 * The per-credential TOTP settings: hash, code length and time-step length.
 *
 * <pre>{@code
 * TotpParameters p = TotpParameters.defaults();              // SHA1, 6 digits, 30 s
 * long step = p.stepAt(Instant.ofEpochSecond(59));             // 1
 * }</pre>
 *
 * @param algorithm     HMAC hash function
 * @param digits        code length, 6 or 8
 * @param periodSeconds time-step length X in seconds (RFC 6238 §4.1), positive
 */
public record TotpParameters(TotpAlgorithm algorithm, int digits, int periodSeconds) {

    /**
     * Validates the parameters.
     *
     * @param algorithm     HMAC hash function, not null
     * @param digits        code length, 6 or 8
     * @param periodSeconds time-step length in seconds, positive
     */
    public TotpParameters {
        Objects.requireNonNull(algorithm, "algorithm");
        if (digits != 6 && digits != 8) {
            throw new IllegalArgumentException("digits must be 6 or 8");
        }
        if (periodSeconds <= 0) {
            throw new IllegalArgumentException("periodSeconds must be positive");
        }
    }

    /**
     * @return SHA1, 6 digits, 30 seconds: the values every authenticator app understands
     *         (RFC 6238 §5.2 recommends a 30-second step)
     */
    public static TotpParameters defaults() {
        return new TotpParameters(TotpAlgorithm.SHA1, 6, 30);
    }

    /**
     * The TOTP time step containing {@code t}.
     *
     * @param t an instant, not null
     * @return T = floor((Unix time - T0) / X)
     */
    public long stepAt(Instant t) {
        Objects.requireNonNull(t, "t");
        // RFC 6238 §4.2: T = (Current Unix time - T0) / X, with T0 = 0, rounded down.
        return Math.floorDiv(t.getEpochSecond(), (long) periodSeconds);
    }
}
