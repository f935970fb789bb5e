package org.twostep.account;

import java.io.Serializable;
import java.time.Instant;
import java.util.Set;
import org.twostep.audit.Method;
import org.twostep.crypto.Digests;

/**
 * Who a proven credential belongs to, and when and with what their second factor was last proven:
 * what the mechanism hands to the container and keeps in the session, what the step-up window reads,
 * and what an ID token's {@code auth_time}, {@code acr} and {@code amr} tell. {@code sessionId} is
 * random (128 bits), made at sign-in and kept through step-ups: the {@code sid} an application's
 * tokens and logout notices name.
 */
public record SignedIn(long accountId, String username, Set<String> groups, Instant secondFactorAt, Method secondFactor,
                       String sessionId) implements Serializable {

    /** The account, with a second factor proven at {@code provenAt} by {@code method} (both null after the password only). */
    public static SignedIn of(Account account, Instant provenAt, Method method) {
        return new SignedIn(account.id(), account.username(), Set.copyOf(account.groups()), provenAt, method,
                Digests.randomBase64Url(16));
    }

    /** The same caller in the same session, with a second factor proven again (a step-up). */
    public SignedIn provenAt(Instant provenAt, Method method) {
        return new SignedIn(accountId, username, groups, provenAt, method, sessionId);
    }
}
