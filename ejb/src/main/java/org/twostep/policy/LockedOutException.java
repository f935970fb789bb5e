package org.twostep.policy;

import java.time.Instant;

import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;

/**
 * Codes of the account's authenticator apps are refused for a while, after too many wrong ones
 * across logins (or for good, until an administrator lifts it). Keys, passkeys and recovery codes
 * still sign in.
 */
public final class LockedOutException extends VerificationException {

    private static final long serialVersionUID = 1L;

    private final Instant until;

    /** @param until when codes are accepted again; null when only an administrator can lift the lockout */
    public LockedOutException(Instant until) {
        super(Reason.LOCKED_OUT);
        this.until = until;
    }

    /** When codes are accepted again; null when only an administrator can lift the lockout. */
    @Override
    public Instant retryAt() {
        return until;
    }
}
