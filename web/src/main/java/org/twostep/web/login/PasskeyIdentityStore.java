package org.twostep.web.login;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import org.twostep.challenge.Verifications;

/**
 * Both factors in one gesture: a passkey (possession) whose authenticator verified the user (PIN or
 * biometric). Without user verification the verification service refuses it.
 */
@ApplicationScoped
public class PasskeyIdentityStore implements IdentityStore {

    @EJB
    Verifications verifications;

    @Inject
    RequestClient client;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof PasskeyCredential passkey)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return TwoStepCaller.valid(verifications.passkey(passkey.ceremonyId(), passkey.json(), passkey.relyingParty(),
                client.info()), null);
    }
}
