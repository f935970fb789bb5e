package org.twostep.web.login;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.twostep.challenge.PendingChallenge;
import org.twostep.config.Settings;
import org.twostep.factors.SecondFactorOptions;
import org.twostep.trust.TrustedBrowsers;

/** {@code challenge.xhtml}: the second step, a code from the authenticator app. */
@Named
@RequestScoped
public class ChallengePage {

    @Inject
    CredentialSubmission submission;

    @Inject
    FacesContext faces;

    @EJB
    TrustedBrowsers trustedBrowsers;

    @Inject
    Settings settings;

    private String code;
    private String recoveryCode;

    /** A signed-in caller has nothing to verify here, unless a step-up is under way (the mechanism's step-up state). */
    public String redirectIfSignedIn() {
        HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
        return SignedInSession.get(request) != null && PendingLogin.get(request) == null ? "/home?faces-redirect=true" : null;
    }

    /** Whether this session has a login waiting for its second factor. */
    public boolean isPending() {
        PendingLogin pending = PendingLogin.get((HttpServletRequest) faces.getExternalContext().getRequest());
        return pending != null && !pending.isEnrollment();
    }

    /** Whether an application asked for a security key or passkey, so that nothing else is offered. */
    public boolean isKeyOnly() {
        PendingLogin pending = PendingLogin.get((HttpServletRequest) faces.getExternalContext().getRequest());
        return pending != null && pending.purpose() == PendingChallenge.Purpose.STEP_UP_KEY;
    }

    /** The second factors this login can use, the one used last first: read when the challenge opened. */
    public SecondFactorOptions getOptions() {
        PendingLogin pending = PendingLogin.get((HttpServletRequest) faces.getExternalContext().getRequest());
        return pending == null ? SecondFactorOptions.NONE : pending.options();
    }

    /** Whether "don't ask again on this browser" is offered: by policy, to a login (a step-up proves the factor anew). */
    public boolean isTrustOffered() {
        PendingLogin pending = PendingLogin.get((HttpServletRequest) faces.getExternalContext().getRequest());
        return pending != null && !pending.isEnrollment() && !pending.isStepUp() && trustedBrowsers.enabled();
    }

    /** Whether the caller is signed in already (a step-up): the way out is back to their account, not "start again". */
    public boolean isSignedIn() {
        return SignedInSession.get((HttpServletRequest) faces.getExternalContext().getRequest()) != null;
    }

    /** How long a trusted browser is trusted, in days, for the checkbox's label. */
    public long getTrustDays() {
        return settings.trustedBrowserLifetime().toDays();
    }

    public void verify() {
        // The checkbox stands outside the form (form="challenge"), so that the security key's button reads it too.
        submission.submit(new TotpCredential(code, "on".equals(faces.getExternalContext().getRequestParameterMap().get("trustBrowser"))));
        code = null;
    }

    public void useRecoveryCode() {
        submission.submit(new RecoveryCodeCredential(recoveryCode));
        recoveryCode = null;
    }

    public String getRecoveryCode() {
        return null;
    }

    public void setRecoveryCode(String recoveryCode) {
        this.recoveryCode = recoveryCode;
    }

    public String getCode() {
        return null;
    }

    public void setCode(String code) {
        this.code = code;
    }
}
