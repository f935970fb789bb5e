package org.twostep.web.login;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import org.twostep.account.SignedIn;
import org.twostep.challenge.Challenges;

/**
 * The second factor: a TOTP code for the session's pending challenge, either from an enrolled app or
 * the first code of an enrollment. The challenge service checks expiry, attempts and replay.
 */
@ApplicationScoped
public class SecondFactorIdentityStore implements IdentityStore {

    @EJB
    Challenges challenges;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof AttemptedCode attempted)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        PendingLogin pending = attempted.pending();
        String challengeId = pending == null ? null : pending.challengeId();
        String code = attempted.credential().code();
        SignedIn who = pending != null && pending.isEnrollment()
                ? challenges.confirmEnrollment(challengeId, code, attempted.client())
                : challenges.verifyTotp(challengeId, code, attempted.client());
        return Results.of(who);
    }
}
