package org.twostep.account;

import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;

/** The password does not match the account's. */
public final class BadPasswordException extends VerificationException {

    private static final long serialVersionUID = 1L;

    public BadPasswordException() {
        super(Reason.BAD_PASSWORD);
    }
}
