package org.twostep.web.login;

import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import org.twostep.audit.LoginAttempt;

/** A username and password, with the login attempt they start: what {@link AccountIdentityStore} validates. */
record AttemptedPassword(UsernamePasswordCredential credential, LoginAttempt attempt) implements Credential {

    @Override
    public String toString() {
        return "AttemptedPassword[" + attempt.correlationId() + "]";
    }
}
