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
import java.time.Clock;
import org.twostep.account.SignedIn;
import org.twostep.challenge.ChallengeTicket;
import org.twostep.challenge.Challenges;
import org.twostep.fault.ServiceBusyException;
import org.twostep.refusal.Reason;
import org.twostep.refusal.Refusal;
import org.twostep.refusal.VerificationException;
import org.twostep.trust.TrustedBrowsers;

/**
 * The two-step login as one state machine. Pages and endpoints hand it a credential through
 * {@code SecurityContext.authenticate}; it lets the identity stores validate it, moves the session
 * to the next state, and records a {@link LoginOutcome} for the page to show. The states, each one
 * predicate below:
 *
 * <ol>
 * <li>{@link #isProtectedWithoutCaller}: a protected page and nobody signed in: remember the page,
 *     redirect to the login page.</li>
 * <li>{@link #isPasswordStep}: a password: validated, a pending challenge opened, the session id
 *     changed, and the caller sent to the challenge page (or, with no second factor yet, to enrollment).
 *     From a browser its owner trusted (its cookie current), signed in at once instead, with the second
 *     factor the trust began with, as of then.</li>
 * <li>{@link #isSecondStep}: a second factor (code, security key, recovery code) for the pending
 *     login: the caller is signed in, the session id changed again, and sent back to the page first
 *     asked for (after a recovery code: to the security page, to check the devices); the browser
 *     trusted if the caller asked.</li>
 * <li>{@link #isPasskey}: a passkey with user verification: both factors at once, signed in directly.</li>
 * <li>{@link #isStepUp}: a second factor from a signed-in caller whose last one is older than the
 *     step-up window, for the step-up challenge {@link StepUp#begin} opened: proven (by the caller's
 *     own account), the caller's second factor counts as fresh, and they go back to the page that
 *     asked for it.</li>
 * <li>{@link #isRepost}: any other credential from a signed-in session (a form re-posted with the
 *     back button): nothing is verified; the caller goes home, told they are signed in.</li>
 * <li>{@link #isSignedIn}: any other request of a signed-in session: the caller is handed to the container.</li>
 * </ol>
 *
 * Refusals arrive as {@link VerificationException}s; {@link Refusal} says whether one ends the pending
 * login. Soteria's {@code @LoginToContinue} does not fit: it restores the saved request after one
 * successful authentication, where this login continues over two pages and the JSON endpoints need
 * the address as data. {@code @AutoApplySession} does not either: the session's caller carries when
 * its second factor was proven, and a signed-in session's step-up must still reach this mechanism.
 */
@ApplicationScoped
public class TwoStepAuthenticationMechanism implements HttpAuthenticationMechanism {

    @Inject
    IdentityStoreHandler identityStores;

    @EJB
    Challenges challenges;

    @Inject
    SessionChecks sessions;

    @EJB
    TrustedBrowsers trustedBrowsers;

    @Inject
    RequestClient client;

    @Inject
    Clock clock;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        Credential credential = context.isAuthenticationRequest() ? context.getAuthParameters().getCredential() : null;
        SignedIn signedIn = sessions.current(request); // too old, or its account disabled: nobody's
        if (isProtectedWithoutCaller(credential, signedIn, context)) {
            SignedInSession.saveReturnTo(request);
            sessions.beforeSignIn(request);
            return context.redirect(request.getContextPath() + "/login.xhtml");
        }
        try {
            if (isPasswordStep(credential, signedIn)) {
                return passwordStep((UsernamePasswordCredential) credential, request, response, context);
            }
            if (isSecondStep(credential, signedIn)) {
                return secondStep((SecondFactorCredential) credential, request, response, context);
            }
            if (isPasskey(credential, signedIn)) {
                return passkeyStep((PasskeyCredential) credential, request, response, context);
            }
            if (isStepUp(credential, signedIn, request)) {
                return stepUp((SecondFactorCredential) credential, signedIn, request, context);
            }
        } catch (VerificationException e) {
            return refused(Refusal.of(e), signedIn, request, context);
        }
        if (isRepost(credential, signedIn)) {
            LoginOutcome.alreadySignedIn(request, SignedInSession.home(request));
            return context.notifyContainerAboutLogin(signedIn.username(), signedIn.groups());
        }
        if (isSignedIn(signedIn)) {
            return context.notifyContainerAboutLogin(signedIn.username(), signedIn.groups());
        }
        return context.doNothing();
    }

    /** 1. */
    private static boolean isProtectedWithoutCaller(Credential credential, SignedIn signedIn, HttpMessageContext context) {
        return credential == null && signedIn == null && context.isProtected();
    }

    /** 2. */
    private static boolean isPasswordStep(Credential credential, SignedIn signedIn) {
        return credential instanceof UsernamePasswordCredential && signedIn == null;
    }

    /** 3. */
    private static boolean isSecondStep(Credential credential, SignedIn signedIn) {
        return credential instanceof SecondFactorCredential && signedIn == null;
    }

    /** 4. */
    private static boolean isPasskey(Credential credential, SignedIn signedIn) {
        return credential instanceof PasskeyCredential && signedIn == null;
    }

    /** 5. */
    private static boolean isStepUp(Credential credential, SignedIn signedIn, HttpServletRequest request) {
        PendingLogin pending = PendingLogin.get(request);
        return credential instanceof SecondFactorCredential && signedIn != null && pending != null && pending.isStepUp();
    }

    /** 6. */
    private static boolean isRepost(Credential credential, SignedIn signedIn) {
        return credential != null && signedIn != null;
    }

    /** 7. */
    private static boolean isSignedIn(SignedIn signedIn) {
        return signedIn != null;
    }

    private AuthenticationStatus passwordStep(UsernamePasswordCredential password, HttpServletRequest request,
                                              HttpServletResponse response, HttpMessageContext context) {
        PendingLogin.remove(request); // a new password starts over: an abandoned login's state goes first
        TrustCookie.takeRenewal(request);
        CredentialValidationResult result = identityStores.validate(password);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return refused(Refusal.of(Reason.NONE), null, request, context); // no store took it: the generic message
        }
        // 2a. A browser its owner trusted skips the second step: signed in with the factor the trust began with.
        TrustedBrowsers.Admission trusted = admitTrusted(result, request);
        if (trusted.forgetCookie()) {
            TrustCookie.forget(request, response);
        }
        if (trusted.renewAfterSecondFactor() != null) {
            TrustCookie.renewAfterSecondFactor(request, trusted.renewAfterSecondFactor());
        }
        if (trusted.admitted()) {
            TrustCookie.write(request, response, trusted.nextCookie(), clock.instant());
            return signedIn(trusted.signedIn(), password, SignedInSession.takeReturnTo(request), request, response, context);
        }
        ChallengeTicket ticket = challenges.open(TwoStepCaller.signedIn(result), TwoStepCaller.attempt(result));
        PendingLogin.save(request, ticket);
        sessions.beforeSignIn(request);
        request.changeSessionId();
        String next = request.getContextPath() + (PendingLogin.get(request).isEnrollment() ? "/enroll/totp.xhtml" : "/challenge.xhtml");
        return goOn(password, next, request, context, AuthenticationStatus.SEND_CONTINUE);
    }

    private AuthenticationStatus secondStep(SecondFactorCredential proof, HttpServletRequest request,
                                            HttpServletResponse response, HttpMessageContext context) {
        PendingLogin pending = PendingLogin.get(request);
        if (pending != null && pending.isStepUp()) {
            PendingLogin.remove(request); // a step-up's challenge never finishes a login: the store finds none pending
        }
        CredentialValidationResult result = identityStores.validate(proof);
        // A recovery code means the usual device is missing: show the security page first.
        String next = proof instanceof RecoveryCodeCredential
                ? request.getContextPath() + "/account/security.xhtml?recovered=true"
                : SignedInSession.takeReturnTo(request);
        if (result.getStatus() == CredentialValidationResult.Status.VALID && proof.trustBrowser() && trustedBrowsers.enabled()
                && !TrustCookie.hasRenewal(request)) { // a series this browser holds already is renewed, below
            trust(TwoStepCaller.signedIn(result), request, response);
        }
        return signedIn(result, proof, next, request, response, context);
    }

    /** A trust cookie's admission; when the database cannot say now, the second step is asked, as without one. */
    private TrustedBrowsers.Admission admitTrusted(CredentialValidationResult result, HttpServletRequest request) {
        String cookie = TrustCookie.read(request);
        if (cookie == null) {
            return TrustedBrowsers.Admission.NONE;
        }
        try {
            return trustedBrowsers.admit(TwoStepCaller.signedIn(result), cookie, TwoStepCaller.attempt(result));
        } catch (ServiceBusyException e) {
            return TrustedBrowsers.Admission.NONE; // DatabaseFaults logged it; the trust is looked at next time
        }
    }

    /** Renews the series whose just-replaced token this login came with: the browser gets its new token. */
    private void renewTrust(SignedIn who, HttpServletRequest request, HttpServletResponse response) {
        String series = TrustCookie.takeRenewal(request);
        if (series == null) {
            return;
        }
        try {
            TrustedBrowsers.Cookie renewed = trustedBrowsers.renew(who, series, client.info());
            if (renewed != null) {
                TrustCookie.write(request, response, renewed, clock.instant());
            }
        } catch (ServiceBusyException e) {
            // DatabaseFaults logged it; the cookie stays as it was, which its next use may take for a copy
        }
    }

    /** Trusts the browser the second factor was just proven in; a trust that cannot be written now costs the sign-in nothing. */
    private void trust(SignedIn who, HttpServletRequest request, HttpServletResponse response) {
        try {
            TrustCookie.write(request, response, trustedBrowsers.trust(who, client.info()), clock.instant());
        } catch (ServiceBusyException e) {
            // DatabaseFaults logged it; the next sign-in asks for the second factor, and may trust then
        }
    }

    private AuthenticationStatus passkeyStep(PasskeyCredential passkey, HttpServletRequest request,
                                             HttpServletResponse response, HttpMessageContext context) {
        PendingLogin.remove(request); // a passkey replaces whatever password step was under way
        return signedIn(identityStores.validate(passkey), passkey, SignedInSession.takeReturnTo(request), request, response, context);
    }

    /** Both factors proven: see {@link #signedIn(SignedIn, Credential, String, HttpServletRequest, HttpServletResponse, HttpMessageContext)}. */
    private AuthenticationStatus signedIn(CredentialValidationResult result, Credential proof, String next,
                                          HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return refused(Refusal.of(Reason.NONE), null, request, context);
        }
        return signedIn(TwoStepCaller.signedIn(result), proof, next, request, response, context);
    }

    private AuthenticationStatus stepUp(SecondFactorCredential proof, SignedIn signedIn, HttpServletRequest request,
                                        HttpMessageContext context) {
        CredentialValidationResult result = identityStores.validate(proof);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return refused(Refusal.of(Reason.NONE), signedIn, request, context);
        }
        SignedIn proven = TwoStepCaller.signedIn(result);
        PendingLogin.remove(request);
        if (proven.accountId() != signedIn.accountId()) {
            return refused(Refusal.of(Reason.NO_PENDING_CHALLENGE), signedIn, request, context); // only the caller's own factor counts
        }
        SignedInSession.save(request, signedIn.provenAt(proven.secondFactorAt(), proven.secondFactor()));
        context.notifyContainerAboutLogin(signedIn.username(), signedIn.groups());
        return goOn(proof, SignedInSession.takeReturnTo(request), request, context, AuthenticationStatus.SUCCESS);
    }

    /**
     * Both factors proven: hand the caller to the container, change the session id, go on to
     * {@code next}; a trusted series this browser came back with is renewed.
     */
    private AuthenticationStatus signedIn(SignedIn who, Credential proof, String next, HttpServletRequest request,
                                          HttpServletResponse response, HttpMessageContext context) {
        renewTrust(who, request, response);
        PendingLogin.remove(request);
        SignedInSession.save(request, who);
        sessions.signedIn(request);
        request.changeSessionId();
        context.notifyContainerAboutLogin(who.username(), who.groups());
        return goOn(proof, next, request, context, AuthenticationStatus.SUCCESS);
    }

    /** Records where the caller goes next; a form is redirected there, a script is told in JSON and goes itself. */
    private static AuthenticationStatus goOn(Credential proof, String next, HttpServletRequest request,
                                             HttpMessageContext context, AuthenticationStatus status) {
        LoginOutcome.goOn(request, next);
        if (!isFromScript(proof)) {
            context.redirect(next);
        }
        return status;
    }

    private static boolean isFromScript(Credential credential) {
        return credential instanceof SecurityKeyCredential || credential instanceof PasskeyCredential;
    }

    /**
     * Records the refusal for the page; a refusal that ends the login forgets the pending challenge.
     * A signed-in caller whose step-up was refused stays signed in.
     */
    private static AuthenticationStatus refused(Refusal refusal, SignedIn signedIn,
                                                HttpServletRequest request, HttpMessageContext context) {
        LoginOutcome.refuse(request, refusal);
        if (refusal.endsLogin()) {
            PendingLogin.remove(request);
        }
        if (signedIn != null) {
            return context.notifyContainerAboutLogin(signedIn.username(), signedIn.groups());
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /** Sign-out forgets the session's caller; a re-authentication ({@link Logins}) forgets only the request's. */
    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        if (!Logins.isReauthenticating(request)) {
            SignedInSession.remove(request);
            PendingLogin.remove(request);
        }
        HttpAuthenticationMechanism.super.cleanSubject(request, response, context);
    }
}
