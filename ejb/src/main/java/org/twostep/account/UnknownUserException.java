package org.twostep.account;

import org.twostep.audit.Reason;
import org.twostep.challenge.VerificationException;

/** No account has this username. */
public final class UnknownUserException extends VerificationException {

    private static final long serialVersionUID = 1L;

    public UnknownUserException() {
        super(Reason.UNKNOWN_USER);
    }
}
