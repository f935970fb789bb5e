package org.twostep.recovery;

import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;

/** The recovery code is not 24 characters of the recovery alphabet. */
public final class MalformedRecoveryCodeException extends VerificationException {

    private static final long serialVersionUID = 1L;

    public MalformedRecoveryCodeException() {
        super(Reason.MALFORMED_RECOVERY_CODE);
    }
}
