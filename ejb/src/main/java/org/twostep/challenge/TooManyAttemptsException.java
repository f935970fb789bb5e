package org.twostep.challenge;

import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;

/** The challenge saw too many wrong codes and is locked; the user signs in again. */
public final class TooManyAttemptsException extends VerificationException {

    private static final long serialVersionUID = 1L;

    public TooManyAttemptsException() {
        super(Reason.TOO_MANY_ATTEMPTS);
    }
}
