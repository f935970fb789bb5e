package org.twostep.account;

import java.io.Serializable;
import java.time.Instant;
import java.util.Set;

/**
 * Who a proven credential belongs to, and when their second factor was last proven: what the
 * mechanism hands to the container and keeps in the session, and what the step-up window reads.
 */
public record SignedIn(long accountId, String username, Set<String> groups, Instant secondFactorAt) implements Serializable {

    /** The account, with a second factor proven at {@code provenAt}. */
    public static SignedIn of(Account account, Instant provenAt) {
        return new SignedIn(account.id(), account.username(), Set.copyOf(account.groups()), provenAt);
    }

    /** The same caller, with a second factor proven again at {@code provenAt} (a step-up). */
    public SignedIn provenAt(Instant provenAt) {
        return new SignedIn(accountId, username, groups, provenAt);
    }
}
