package org.twostep.web.login;

import jakarta.security.enterprise.credential.Credential;

/**
 * A proof of a second factor, for a login's second step or a step-up: a code from an app, a
 * recovery code, or a security key's assertion. {@link SecondFactorIdentityStore} validates it
 * against the session's pending challenge. Never a password, never a passkey (which is both factors).
 */
public sealed interface SecondFactorCredential extends Credential
        permits TotpCredential, RecoveryCodeCredential, SecurityKeyCredential {

    /** Whether the caller asked not to be asked for a second factor on this browser again (a login's only). */
    default boolean trustBrowser() {
        return false;
    }
}
