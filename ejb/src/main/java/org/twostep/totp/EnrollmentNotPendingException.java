package org.twostep.totp;

import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;

/** The enrollment to confirm is not pending for this account (already confirmed, or not its own). */
public final class EnrollmentNotPendingException extends VerificationException {

    private static final long serialVersionUID = 1L;

    public EnrollmentNotPendingException() {
        super(Reason.ENROLLMENT_NOT_PENDING);
    }
}
