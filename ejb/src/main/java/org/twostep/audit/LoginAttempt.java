package org.twostep.audit;

import java.io.Serializable;
import java.util.UUID;

/**
 * One login attempt as the audit trail sees it: the correlation id shared by all its events, the
 * username as typed, and the client. Never holds a password or code.
 *
 * <pre>{@code
 * LoginAttempt attempt = LoginAttempt.start(typedUsername, client);
 * audit.refusal(AuditEvent.refused(EventType.FIRST_FACTOR_FAILED, Reason.BAD_PASSWORD, attempt));
 * }</pre>
 */
public record LoginAttempt(String correlationId, String typedUsername, ClientInfo client) implements Serializable {

    static final int MAX_USERNAME = 100;

    /** A new attempt with a fresh correlation id. */
    public static LoginAttempt start(String typedUsername, ClientInfo client) {
        return new LoginAttempt(UUID.randomUUID().toString(), Text.clean(typedUsername, MAX_USERNAME), client);
    }

    /** The continuation of an attempt whose correlation id is known (a pending challenge's). */
    public static LoginAttempt resume(String correlationId, String username, ClientInfo client) {
        return new LoginAttempt(correlationId, Text.clean(username, MAX_USERNAME), client);
    }
}
