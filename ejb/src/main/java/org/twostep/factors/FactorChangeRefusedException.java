package org.twostep.factors;

import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;

/** A change to the account's second factors was refused: the last factor, or a factor not the caller's. */
public final class FactorChangeRefusedException extends VerificationException {

    private static final long serialVersionUID = 1L;

    public FactorChangeRefusedException(Reason reason) {
        super(reason);
    }
}
