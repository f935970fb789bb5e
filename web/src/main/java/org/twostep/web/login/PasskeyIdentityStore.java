package org.twostep.web.login;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import org.twostep.webauthn.WebAuthnKeys;

/**
 * Both factors in one gesture: a passkey (possession) whose authenticator verified the user (PIN or
 * biometric). Without user verification the key service refuses it.
 */
@ApplicationScoped
public class PasskeyIdentityStore implements IdentityStore {

    @EJB
    WebAuthnKeys keys;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof AttemptedPasskey attempted)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        WebAuthnAssertionCredential assertion = attempted.assertion();
        return Results.of(keys.passkeySignIn(assertion.ceremonyId(), assertion.json(), assertion.relyingParty(),
                attempted.client()));
    }
}
