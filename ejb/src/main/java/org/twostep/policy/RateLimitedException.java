package org.twostep.policy;

import java.time.Instant;
import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;

/**
 * Too many attempts, from one client address or at one username's password: refused, unchecked,
 * until {@link #retryAt}. Answered "Too many attempts. Try again at HH:MM" (HTTP 429 with
 * {@code Retry-After}), whatever was sent, so the answer tells nothing about it.
 */
public final class RateLimitedException extends VerificationException {

    private static final long serialVersionUID = 1L;

    private final Instant retryAt;

    public RateLimitedException(Instant retryAt) {
        super(Reason.RATE_LIMITED);
        this.retryAt = retryAt;
    }

    @Override
    public Instant retryAt() {
        return retryAt;
    }
}
