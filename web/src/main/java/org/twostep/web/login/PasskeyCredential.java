package org.twostep.web.login;

import jakarta.security.enterprise.credential.Credential;
import org.twostep.webauthn.RelyingParty;

/**
 * A passkey's WebAuthn assertion that signs in on its own, without a password: possession of the
 * key plus its user verification (PIN or biometric). {@link PasskeyIdentityStore} validates it.
 */
public record PasskeyCredential(String ceremonyId, String json, RelyingParty relyingParty) implements Credential {

    @Override
    public String toString() {
        return "PasskeyCredential[" + ceremonyId + "]";
    }
}
