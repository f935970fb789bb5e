package org.twostep.fault;

import jakarta.ejb.ApplicationException;
import java.time.Instant;
import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;

/**
 * The step could not be done now (the database is busy or unreachable, or too many requests wait
 * for the same account) and nothing of it was kept: the user tries again in a moment. Answered with
 * HTTP 503 and {@code Retry-After}. Carries no cause: a database exception's text can print row
 * values (a password hash), so only its type and SQL state are ever logged ({@link DatabaseFaults}).
 */
@ApplicationException(rollback = true)
public final class ServiceBusyException extends VerificationException {

    private static final long serialVersionUID = 1L;

    /** What a client is told to wait before it tries again, in seconds. */
    public static final int RETRY_AFTER_SECONDS = 2;

    private final Instant retryAt;

    public ServiceBusyException() {
        super(Reason.SERVICE_BUSY);
        retryAt = Instant.now().plusSeconds(RETRY_AFTER_SECONDS);
    }

    @Override
    public Instant retryAt() {
        return retryAt;
    }
}
