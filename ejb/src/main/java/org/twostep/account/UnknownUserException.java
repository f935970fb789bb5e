package org.twostep.account;

import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;

/** No account has this username. */
public final class UnknownUserException extends VerificationException {

    private static final long serialVersionUID = 1L;

    public UnknownUserException() {
        super(Reason.UNKNOWN_USER);
    }
}
