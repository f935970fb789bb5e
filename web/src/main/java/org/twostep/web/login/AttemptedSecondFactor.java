package org.twostep.web.login;

import jakarta.security.enterprise.credential.Credential;
import org.twostep.audit.ClientInfo;

/**
 * A second-factor proof ({@link TotpCredential}, {@link RecoveryCodeCredential}) for the session's
 * pending login ({@code null} when there is none): what {@link SecondFactorIdentityStore} validates.
 */
record AttemptedSecondFactor(Credential proof, PendingLogin pending, ClientInfo client) implements Credential {

    @Override
    public String toString() {
        return "AttemptedSecondFactor[" + proof.getClass().getSimpleName() + ", "
                + (pending == null ? "no pending login" : pending.purpose()) + "]";
    }
}
