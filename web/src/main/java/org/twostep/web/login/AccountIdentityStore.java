package org.twostep.web.login;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import org.twostep.account.Accounts;
import org.twostep.account.SignedIn;

/**
 * The first factor: a username and password checked against the {@code Account} table. Refusals
 * arrive as {@link org.twostep.challenge.VerificationException}s carrying their reason.
 * Another store (LDAP, say) can stand beside it for {@link jakarta.security.enterprise.credential.UsernamePasswordCredential}s.
 */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

    @EJB
    Accounts accounts;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof AttemptedPassword attempted)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        SignedIn who = accounts.checkPassword(attempted.attempt(), attempted.credential().getPassword().getValue());
        return Results.of(who);
    }
}
