package org.twostep.web.login;

import jakarta.security.enterprise.credential.Credential;
import org.twostep.audit.ClientInfo;

/** A passkey assertion with its client: what {@link PasskeyIdentityStore} validates. */
record AttemptedPasskey(WebAuthnAssertionCredential assertion, ClientInfo client) implements Credential {
}
