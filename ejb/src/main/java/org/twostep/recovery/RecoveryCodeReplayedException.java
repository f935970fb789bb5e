package org.twostep.recovery;

import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;

/** The recovery code was the account's, but is used up. */
public final class RecoveryCodeReplayedException extends VerificationException {

    private static final long serialVersionUID = 1L;

    public RecoveryCodeReplayedException() {
        super(Reason.RECOVERY_CODE_REPLAYED);
    }
}
