package org.twostep.challenge;

import org.twostep.audit.Reason;

/** The challenge outlived its time to live; the user signs in again. */
public final class ChallengeExpiredException extends VerificationException {

    private static final long serialVersionUID = 1L;

    public ChallengeExpiredException() {
        super(Reason.CHALLENGE_EXPIRED);
    }
}
