package org.twostep.recovery;

import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;

/** The recovery code is none of the account's. */
public final class RecoveryCodeMismatchException extends VerificationException {

    private static final long serialVersionUID = 1L;

    public RecoveryCodeMismatchException() {
        super(Reason.RECOVERY_CODE_MISMATCH);
    }
}
