package org.twostep.policy;

import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;

/** The account is locked for a while after too many wrong second factors across logins. */
public final class LockedOutException extends VerificationException {

    private static final long serialVersionUID = 1L;

    public LockedOutException() {
        super(Reason.LOCKED_OUT);
    }
}
