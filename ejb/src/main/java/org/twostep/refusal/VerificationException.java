package org.twostep.refusal;

import jakarta.ejb.ApplicationException;
import java.time.Instant;
import java.util.Objects;

/**
 * Base of the expected, user-caused verification failures (wrong code, replay, ...). Each subclass
 * carries a fixed {@link Reason}; the message is the reason's name and never contains a secret.
 *
 * <pre>{@code
 * try {
 *     long step = new TotpVerifier(1).verify(secret, parameters, code, now, lastStep);
 * } catch (VerificationException e) {
 *     Refusal refusal = Refusal.of(e.reason());   // the message, the HTTP status, whether the login ends
 * }
 * }</pre>
 *
 * <p>An application exception that does not roll back: a refused step still commits what it counted
 * (a failed attempt, a challenge closed after too many), and reaches the mechanism unwrapped.
 */
@ApplicationException(rollback = false, inherited = true)
public abstract class VerificationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Reason reason;

    /**
     * @param reason the audit reason code, not null
     */
    protected VerificationException(Reason reason) {
        super(Objects.requireNonNull(reason, "reason").name());
        this.reason = reason;
    }

    /** @return the audit reason code */
    public Reason reason() {
        return reason;
    }

    /** When the client may try again (a busy service, a rate limit); null when waiting is not what helps. */
    public Instant retryAt() {
        return null;
    }
}
