package org.twostep.challenge;

import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;

/** No challenge is open for this session: none was started, or it is finished. */
public final class NoPendingChallengeException extends VerificationException {

    private static final long serialVersionUID = 1L;

    public NoPendingChallengeException() {
        super(Reason.NO_PENDING_CHALLENGE);
    }
}
