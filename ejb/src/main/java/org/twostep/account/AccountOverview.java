package org.twostep.account;

import java.util.List;
import org.twostep.totp.TotpFactor;

/** An account as its owner sees it: who they are and their second factors. */
public record AccountOverview(String username, String displayName, String email, boolean admin,
                              List<TotpFactor> authenticators) {
}
