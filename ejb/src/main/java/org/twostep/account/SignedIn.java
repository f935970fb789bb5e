package org.twostep.account;

import java.io.Serializable;
import java.time.Instant;
import java.util.Set;
import org.twostep.audit.Method;

/**
 * Who a proven credential belongs to, and when and with what their second factor was last proven:
 * what the mechanism hands to the container and keeps in the session, what the step-up window reads,
 * and what an ID token's {@code auth_time}, {@code acr} and {@code amr} tell.
 */
public record SignedIn(long accountId, String username, Set<String> groups, Instant secondFactorAt, Method secondFactor)
        implements Serializable {

    /** The account, with a second factor proven at {@code provenAt} by {@code method} (both null after the password only). */
    public static SignedIn of(Account account, Instant provenAt, Method method) {
        return new SignedIn(account.id(), account.username(), Set.copyOf(account.groups()), provenAt, method);
    }

    /** The same caller, with a second factor proven again (a step-up). */
    public SignedIn provenAt(Instant provenAt, Method method) {
        return new SignedIn(accountId, username, groups, provenAt, method);
    }
}
