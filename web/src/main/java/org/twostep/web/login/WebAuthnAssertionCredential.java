package org.twostep.web.login;

import jakarta.security.enterprise.credential.Credential;
import org.twostep.webauthn.RelyingParty;

/**
 * A WebAuthn assertion (the browser's {@code PublicKeyCredential} JSON) answering the ceremony the
 * session started. {@code passkey}: it signs in on its own; otherwise it is the second factor of the
 * session's pending login.
 */
public record WebAuthnAssertionCredential(String ceremonyId, String json, RelyingParty relyingParty, boolean passkey)
        implements Credential {

    @Override
    public String toString() {
        return "WebAuthnAssertionCredential[" + (passkey ? "passkey" : "second factor") + "]";
    }
}
