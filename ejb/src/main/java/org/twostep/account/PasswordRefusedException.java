package org.twostep.account;

import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;

/** A password change was refused: the current password wrong, or the new one against {@link PasswordRules}. */
public final class PasswordRefusedException extends VerificationException {

    private static final long serialVersionUID = 1L;

    public PasswordRefusedException(Reason reason) {
        super(reason);
    }
}
