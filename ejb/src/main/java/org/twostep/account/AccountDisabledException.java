package org.twostep.account;

import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;

/** The account exists but is disabled. */
public final class AccountDisabledException extends VerificationException {

    private static final long serialVersionUID = 1L;

    public AccountDisabledException() {
        super(Reason.ACCOUNT_DISABLED);
    }
}
