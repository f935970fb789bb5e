package org.twostep.recovery;

import org.twostep.audit.Reason;
import org.twostep.challenge.VerificationException;

/** The recovery code is not 24 characters of the recovery alphabet. */
public final class MalformedRecoveryCodeException extends VerificationException {

    private static final long serialVersionUID = 1L;

    public MalformedRecoveryCodeException() {
        super(Reason.MALFORMED_RECOVERY_CODE);
    }
}
