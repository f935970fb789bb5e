package org.twostep.web.login;

import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import org.twostep.account.SignedIn;
import org.twostep.audit.LoginAttempt;

/**
 * The caller an identity store vouches for, carrying what the mechanism needs next: the signed-in
 * account (with when its second factor was proven) and, after a password, the login attempt whose
 * correlation id the second step continues.
 */
final class TwoStepCaller extends CallerPrincipal {

    private static final long serialVersionUID = 1L;

    private final SignedIn who;
    private final LoginAttempt attempt;

    private TwoStepCaller(SignedIn who, LoginAttempt attempt) {
        super(who.username());
        this.who = who;
        this.attempt = attempt;
    }

    /** The result a store returns; the account id travels as the caller's unique id. */
    static CredentialValidationResult valid(SignedIn who, LoginAttempt attempt) {
        return new CredentialValidationResult(null, new TwoStepCaller(who, attempt), null, Long.toString(who.accountId()),
                who.groups());
    }

    static SignedIn signedIn(CredentialValidationResult result) {
        return ((TwoStepCaller) result.getCallerPrincipal()).who;
    }

    static LoginAttempt attempt(CredentialValidationResult result) {
        return ((TwoStepCaller) result.getCallerPrincipal()).attempt;
    }
}
