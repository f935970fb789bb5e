package org.twostep.web.login;

import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import org.twostep.account.SignedIn;

/** Translates between a signed-in account and the result an identity store returns. */
final class Results {

    private Results() {
    }

    /** The account id travels as the caller's unique id. */
    static CredentialValidationResult of(SignedIn who) {
        return new CredentialValidationResult(null, new CallerPrincipal(who.username()), null,
                Long.toString(who.accountId()), who.groups());
    }

    static SignedIn signedIn(CredentialValidationResult result) {
        return new SignedIn(Long.parseLong(result.getCallerUniqueId()), result.getCallerPrincipal().getName(),
                result.getCallerGroups());
    }
}
