package org.twostep.web.login;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Credential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.twostep.account.Accounts;
import org.twostep.account.SignedIn;
import org.twostep.oidc.Authorizations;

/**
 * Hands a credential to the mechanism, whatever state the session is in, and returns what it made
 * of it. Pages ({@link CredentialSubmission}) and the WebAuthn endpoints both go through here.
 *
 * <p>WildFly does not run the mechanism again for a request that is authenticated already (a
 * signed-in caller's step-up, a form re-posted after sign-in): this request's authentication is
 * forgotten first ({@code request.logout()}), while the session keeps its caller (should the
 * container ask the mechanism to clean the subject, the flag below tells it not to sign the session
 * out), so the credential reaches the mechanism's step-up or re-post state.
 *
 * <pre>{@code
 * LoginOutcome outcome = logins.submit(new TotpCredential(code), response);
 * }</pre>
 */
@RequestScoped
public class Logins {

    static final String REAUTHENTICATING = "org.twostep.web.login.Reauthenticating";

    @Inject
    SecurityContext securityContext;

    @Inject
    HttpServletRequest request;

    @EJB
    Accounts accounts;

    @Inject
    RequestClient client;

    @EJB
    Authorizations authorizations;

    public LoginOutcome submit(Credential credential, HttpServletResponse response) {
        if (request.getUserPrincipal() != null) {
            request.setAttribute(REAUTHENTICATING, Boolean.TRUE);
            try {
                request.logout();
            } catch (ServletException e) {
                throw new IllegalStateException("could not reset the request's authentication", e);
            } finally {
                request.removeAttribute(REAUTHENTICATING);
            }
        }
        securityContext.authenticate(request, response, AuthenticationParameters.withParams()
                .credential(credential).newAuthentication(true));
        return LoginOutcome.of(request);
    }

    /**
     * Signs the session out, from TwoStep's own page or an application's logout request: audited
     * ({@code LOGOUT}), the applications' grants made in it are revoked and the applications told
     * (Back-Channel Logout, in the background), the container forgets the caller, the session ends.
     */
    public void signOut() {
        SignedIn who = SignedInSession.get(request);
        if (who != null) {
            accounts.signedOut(who, client.info());
            authorizations.sessionEnded(who.sessionId());
        }
        try {
            request.logout();
        } catch (ServletException e) {
            throw new IllegalStateException("could not sign the request out", e);
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    /** Whether the mechanism is being asked to forget this request's caller only, not to sign the session out. */
    static boolean isReauthenticating(HttpServletRequest request) {
        return request.getAttribute(REAUTHENTICATING) != null;
    }
}
