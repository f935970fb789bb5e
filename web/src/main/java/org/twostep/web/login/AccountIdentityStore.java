package org.twostep.web.login;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import org.twostep.account.Accounts;
import org.twostep.audit.LoginAttempt;

/**
 * The first factor: a username and password checked against the {@code Account} table; a login
 * attempt (its correlation id) starts here. Refusals arrive as
 * {@link org.twostep.refusal.VerificationException}s carrying their reason. Another store (LDAP,
 * say) can stand beside it for {@link UsernamePasswordCredential}s.
 */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

    @EJB
    Accounts accounts;

    @Inject
    RequestClient client;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential password)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        LoginAttempt attempt = LoginAttempt.start(password.getCaller(), client.info());
        return TwoStepCaller.valid(accounts.checkPassword(attempt, password.getPassword().getValue()), attempt);
    }
}
