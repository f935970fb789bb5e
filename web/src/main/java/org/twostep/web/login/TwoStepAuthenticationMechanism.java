package org.twostep.web.login;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.twostep.account.SignedIn;
import org.twostep.audit.LoginAttempt;
import org.twostep.challenge.ChallengeTicket;
import org.twostep.challenge.Challenges;
import org.twostep.challenge.VerificationException;

/**
 * The two-step login as a small state machine. The login pages hand it a credential through
 * {@code SecurityContext.authenticate}; it lets the identity stores validate it and maps the result:
 *
 * <ol>
 * <li>A protected page without a caller: remember it, redirect to the login page.</li>
 * <li>A password: validated, a pending challenge opened, the session id changed, and the caller sent
 *     to the challenge page (or, with no second factor yet, to enrollment).</li>
 * <li>A code (or a recovery code): validated against the pending challenge; the caller is signed in,
 *     the session id changed again, and sent back to the page first asked for (after a recovery code:
 *     to the security page, to check the devices).</li>
 * <li>A passkey with user verification: both factors at once, signed in directly.</li>
 * <li>Any other request of a signed-in session: the caller is handed to the container again.</li>
 * </ol>
 *
 * Refusals arrive as {@link VerificationException}s and are mapped here, once, to a message.
 */
@ApplicationScoped
public class TwoStepAuthenticationMechanism implements HttpAuthenticationMechanism {

    @Inject
    IdentityStoreHandler identityStores;

    @EJB
    Challenges challenges;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        Credential credential = context.isAuthenticationRequest() ? context.getAuthParameters().getCredential() : null;
        try {
            if (credential instanceof UsernamePasswordCredential password) {
                return passwordStep(password, request, response, context);
            }
            if (credential instanceof WebAuthnAssertionCredential assertion && assertion.passkey()) {
                return passkeyStep(assertion, request, context);
            }
            if (credential instanceof TotpCredential || credential instanceof RecoveryCodeCredential
                    || credential instanceof WebAuthnAssertionCredential) {
                return secondStep(credential, request, response, context);
            }
        } catch (VerificationException e) {
            return refused(e, request);
        }
        SignedIn signedIn = SignedInSession.get(request);
        if (signedIn != null) {
            return context.notifyContainerAboutLogin(signedIn.username(), signedIn.groups());
        }
        if (context.isProtected()) {
            SignedInSession.saveReturnTo(request);
            return context.redirect(request.getContextPath() + "/login.xhtml");
        }
        return context.doNothing();
    }

    private AuthenticationStatus passwordStep(UsernamePasswordCredential password, HttpServletRequest request,
                                              HttpServletResponse response, HttpMessageContext context) {
        PendingLogin.remove(request); // a new password starts over: an abandoned login's state goes first
        LoginAttempt attempt = LoginAttempt.start(password.getCaller(), Clients.of(request));
        CredentialValidationResult result = identityStores.validate(new AttemptedPassword(password, attempt));
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return AuthenticationStatus.SEND_FAILURE; // no store took it: the generic message
        }
        SignedIn who = Results.signedIn(result);
        ChallengeTicket ticket = challenges.open(who, attempt);
        PendingLogin.save(request, ticket);
        request.changeSessionId();
        String next = PendingLogin.get(request).isEnrollment() ? "/enroll/totp.xhtml" : "/challenge.xhtml";
        return context.redirect(request.getContextPath() + next);
    }

    private AuthenticationStatus secondStep(Credential proof, HttpServletRequest request,
                                            HttpServletResponse response, HttpMessageContext context) {
        CredentialValidationResult result = identityStores.validate(
                new AttemptedSecondFactor(proof, PendingLogin.get(request), Clients.of(request)));
        // A recovery code means the usual device is missing: show the security page first.
        return signedIn(result, proof, proof instanceof RecoveryCodeCredential
                ? request.getContextPath() + "/account/security.xhtml?recovered=true"
                : SignedInSession.takeReturnTo(request), request, context);
    }

    private AuthenticationStatus passkeyStep(WebAuthnAssertionCredential passkey, HttpServletRequest request,
                                             HttpMessageContext context) {
        PendingLogin.remove(request); // a passkey replaces whatever password step was under way
        CredentialValidationResult result = identityStores.validate(new AttemptedPasskey(passkey, Clients.of(request)));
        return signedIn(result, passkey, SignedInSession.takeReturnTo(request), request, context);
    }

    /** Both factors proven: hand the caller to the container, change the session id, go on to {@code next}. */
    private AuthenticationStatus signedIn(CredentialValidationResult result, Credential proof, String next,
                                          HttpServletRequest request, HttpMessageContext context) {
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        PendingLogin.remove(request);
        SignedInSession.save(request, Results.signedIn(result));
        request.changeSessionId();
        AuthenticationStatus status = context.notifyContainerAboutLogin(result);
        if (proof instanceof WebAuthnAssertionCredential) {
            Next.set(request, next); // a script asked: it gets the address in JSON and goes there itself
        } else {
            context.redirect(next);
        }
        return status;
    }

    private AuthenticationStatus refused(VerificationException e, HttpServletRequest request) {
        Refusal.record(request, e.reason());
        if (Refusal.endsLogin(e.reason())) {
            PendingLogin.remove(request);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        var session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(SignedInSession.KEY);
        }
        HttpAuthenticationMechanism.super.cleanSubject(request, response, context);
    }
}
