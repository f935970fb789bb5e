package org.twostep.web.enroll;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.twostep.account.SecondFactors;
import org.twostep.account.SignedIn;
import org.twostep.challenge.Challenges;
import org.twostep.challenge.VerificationException;
import org.twostep.totp.TotpEnrollment;
import org.twostep.web.login.Clients;
import org.twostep.web.login.CredentialSubmission;
import org.twostep.web.login.PendingLogin;
import org.twostep.web.login.Refusal;
import org.twostep.web.login.SignedInSession;
import org.twostep.web.login.StepUp;
import org.twostep.web.login.TotpCredential;

/**
 * {@code enroll/totp.xhtml}: an authenticator app. Right after the password, the first app of an
 * account that has none: its confirming code signs the user in. For a signed-in caller, another app.
 * The QR code and the secret come from the pending enrollment each time the page renders, so nothing
 * secret is kept in the view state.
 */
@Named
@RequestScoped
public class EnrollTotpPage {

    @EJB
    Challenges challenges;

    static final String ADDING_KEY = "org.twostep.web.enroll.AddingTotp";

    @EJB
    SecondFactors factors;

    static final String STEP_UP_FIRST = "Confirm it is you first: reload the page.";

    @Inject
    CredentialSubmission submission;

    @Inject
    StepUp stepUp;

    @Inject
    FacesContext faces;

    private String code;
    private TotpEnrollment enrollment;
    private boolean loaded;

    /**
     * The enrollment to show, or {@code null} (with a message) when none is open: the first app of a
     * login that has none yet, or another app of a signed-in caller (its id kept in the session).
     */
    public TotpEnrollment getEnrollment() {
        if (!loaded) {
            loaded = true;
            HttpServletRequest request = request();
            SignedIn who = SignedInSession.get(request);
            PendingLogin pending = PendingLogin.get(request);
            try {
                if (who != null && stepUp.isNeeded()) {
                    faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, STEP_UP_FIRST, null));
                } else if (who != null) {
                    Long id = (Long) request.getSession().getAttribute(ADDING_KEY);
                    enrollment = id == null ? factors.beginTotp(who) : factors.showTotp(who, id);
                    request.getSession().setAttribute(ADDING_KEY, enrollment.id());
                } else if (pending != null && pending.isEnrollment()) {
                    enrollment = challenges.enrollment(pending.challengeId(), Clients.of(request));
                }
            } catch (VerificationException e) {
                request.getSession().removeAttribute(ADDING_KEY);
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, Refusal.message(e.reason()), null));
            }
        }
        return enrollment;
    }

    public String confirm() {
        HttpServletRequest request = request();
        SignedIn who = SignedInSession.get(request);
        Long adding = who == null ? null : (Long) request.getSession().getAttribute(ADDING_KEY);
        String typed = code;
        code = null;
        if (adding == null) {
            submission.submit(new TotpCredential(typed)); // the first app: its code completes the login
            return null;
        }
        if (stepUp.isNeeded()) {
            return stepUp.begin("/enroll/totp.xhtml"); // the page sat open past the step-up window
        }
        try {
            factors.confirmTotp(who, adding, typed, Clients.of(request));
            request.getSession().removeAttribute(ADDING_KEY);
            return "/account/security?faces-redirect=true";
        } catch (VerificationException e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, Refusal.message(e.reason()), null));
            return null;
        }
    }

    private HttpServletRequest request() {
        return (HttpServletRequest) faces.getExternalContext().getRequest();
    }

    public String getCode() {
        return null;
    }

    public void setCode(String code) {
        this.code = code;
    }
}
