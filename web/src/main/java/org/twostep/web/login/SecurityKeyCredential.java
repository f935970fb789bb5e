package org.twostep.web.login;

import org.twostep.webauthn.RelyingParty;

/**
 * A security key's (or a passkey's) WebAuthn assertion as the second factor of the session's pending
 * login or step-up: the browser's {@code PublicKeyCredential} JSON answering the ceremony the session
 * started.
 */
public record SecurityKeyCredential(String ceremonyId, String json, RelyingParty relyingParty, boolean trustBrowser)
        implements SecondFactorCredential {

    @Override
    public String toString() {
        return "SecurityKeyCredential[" + ceremonyId + "]";
    }
}
