package org.twostep.challenge;

import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;

/** The challenge outlived its time to live; the user signs in again. */
public final class ChallengeExpiredException extends VerificationException {

    private static final long serialVersionUID = 1L;

    public ChallengeExpiredException() {
        super(Reason.CHALLENGE_EXPIRED);
    }
}
