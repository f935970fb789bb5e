package org.twostep.web.login;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import org.twostep.account.SignedIn;
import org.twostep.challenge.Challenges;

/**
 * The second factor for the session's pending challenge: a TOTP code from an enrolled app or the
 * first code of an enrollment, a security key's assertion, or a recovery code. The challenge service checks expiry, attempts and
 * replay.
 */
@ApplicationScoped
public class SecondFactorIdentityStore implements IdentityStore {

    @EJB
    Challenges challenges;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof AttemptedSecondFactor attempted)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        PendingLogin pending = attempted.pending();
        String challengeId = pending == null ? null : pending.challengeId();
        SignedIn who;
        if (attempted.proof() instanceof WebAuthnAssertionCredential key) {
            who = challenges.verifyWebAuthn(challengeId, key.ceremonyId(), key.json(), key.relyingParty(), attempted.client());
        } else if (attempted.proof() instanceof RecoveryCodeCredential recovery) {
            who = challenges.verifyRecoveryCode(challengeId, recovery.code(), attempted.client());
        } else if (pending != null && pending.isEnrollment()) {
            who = challenges.confirmEnrollment(challengeId, ((TotpCredential) attempted.proof()).code(), attempted.client());
        } else {
            who = challenges.verifyTotp(challengeId, ((TotpCredential) attempted.proof()).code(), attempted.client());
        }
        return Results.of(who);
    }
}
