package org.twostep.web.login;

import jakarta.security.enterprise.credential.Credential;
import org.twostep.audit.ClientInfo;

/**
 * A TOTP code for the session's pending login ({@code null} when there is none): what
 * {@link SecondFactorIdentityStore} validates.
 */
record AttemptedCode(TotpCredential credential, PendingLogin pending, ClientInfo client) implements Credential {

    @Override
    public String toString() {
        return "AttemptedCode[" + (pending == null ? "no pending login" : pending.purpose()) + "]";
    }
}
