package org.twostep.web.login;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;
import org.twostep.account.SignedIn;
import org.twostep.audit.ClientInfo;
import org.twostep.challenge.Proving;
import org.twostep.challenge.Verifications;

/**
 * The second factor for the session's pending challenge, a login's or a step-up's: a TOTP code from
 * an enrolled app (or the first code of an enrollment), a security key's assertion, or a recovery
 * code. The verification service checks expiry, attempts, lockout and replay.
 */
@ApplicationScoped
public class SecondFactorIdentityStore implements IdentityStore {

    @EJB
    Verifications verifications;

    @Inject
    HttpServletRequest request;

    @Inject
    RequestClient client;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof SecondFactorCredential proof)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        PendingLogin pending = PendingLogin.get(request);
        Proving proving = PendingLogin.proving(request);
        ClientInfo from = client.info();
        SignedIn who;
        if (proof instanceof SecurityKeyCredential key) {
            who = verifications.webAuthn(proving, key.ceremonyId(), key.json(), key.relyingParty(), from);
        } else if (proof instanceof RecoveryCodeCredential recovery) {
            who = verifications.recoveryCode(proving, recovery.code(), from);
        } else if (pending != null && pending.isEnrollment()) {
            who = verifications.enrollment(pending.challengeId(), ((TotpCredential) proof).code(), from);
        } else {
            who = verifications.totp(proving, ((TotpCredential) proof).code(), from);
        }
        return TwoStepCaller.valid(who, null);
    }
}
