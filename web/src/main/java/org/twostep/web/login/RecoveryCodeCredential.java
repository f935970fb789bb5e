package org.twostep.web.login;

/** A one-time recovery code, as the challenge page submits it when the usual device is not at hand. */
public record RecoveryCodeCredential(String code) implements SecondFactorCredential {

    @Override
    public String toString() {
        return "RecoveryCodeCredential[code=***]";
    }
}
