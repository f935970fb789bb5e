package org.twostep.policy;

import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;

/** A sensitive change was asked for with a second factor older than the step-up window. */
public final class StepUpRequiredException extends VerificationException {

    private static final long serialVersionUID = 1L;

    public StepUpRequiredException() {
        super(Reason.STEP_UP_REQUIRED);
    }
}
