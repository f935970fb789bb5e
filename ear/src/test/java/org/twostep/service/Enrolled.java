package org.twostep.service;

import java.util.Set;
import org.twostep.account.SignedIn;
import org.twostep.audit.ClientInfo;
import org.twostep.audit.LoginAttempt;

/** An account with one confirmed authenticator app, as the in-container tests make it. */
record Enrolled(long accountId, String username, String secret, long appId) {

    static final ClientInfo CLIENT = ClientInfo.of("127.0.0.1", "ServiceIT");

    /** The caller after the password step: no second factor yet. */
    SignedIn afterPassword() {
        return new SignedIn(accountId, username, Set.of("user"), null, null, "sid-" + accountId);
    }

    LoginAttempt attempt() {
        return LoginAttempt.start(username, CLIENT);
    }
}
