package org.twostep.account;

import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;

/** The username is empty, too long or contains control or space characters. */
public final class BadUsernameException extends VerificationException {

    private static final long serialVersionUID = 1L;

    public BadUsernameException() {
        super(Reason.INVALID_INPUT);
    }
}
