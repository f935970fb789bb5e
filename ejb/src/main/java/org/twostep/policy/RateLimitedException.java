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
    private final boolean firstOfStreak;

    public RateLimitedException(Instant retryAt) {
        this(retryAt, true);
    }

    /** @param firstOfStreak whether this is the first refusal since the limit last let one through (the one audited) */
    public RateLimitedException(Instant retryAt, boolean firstOfStreak) {
        super(Reason.RATE_LIMITED);
        this.retryAt = retryAt;
        this.firstOfStreak = firstOfStreak;
    }

    /**
     * Whether to audit it: the first refusal of a streak is; the rest of a flood is not, so that what is
     * refused does not cost a database write each.
     */
    public boolean firstOfStreak() {
        return firstOfStreak;
    }

    @Override
    public Instant retryAt() {
        return retryAt;
    }
}
