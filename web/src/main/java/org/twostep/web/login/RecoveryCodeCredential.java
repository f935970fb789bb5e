package org.twostep.web.login;

import jakarta.security.enterprise.credential.Credential;

/** A one-time recovery code, as the challenge page submits it when the usual device is not at hand. */
public record RecoveryCodeCredential(String code) implements Credential {

    @Override
    public String toString() {
        return "RecoveryCodeCredential[code=***]";
    }
}
