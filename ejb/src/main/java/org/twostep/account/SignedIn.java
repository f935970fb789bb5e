package org.twostep.account;

import java.io.Serializable;
import java.util.Set;

/** Who a proven credential belongs to: what the mechanism hands to the container. */
public record SignedIn(long accountId, String username, Set<String> groups) implements Serializable {

    public static SignedIn of(Account account) {
        return new SignedIn(account.id(), account.username(), account.groups());
    }
}
