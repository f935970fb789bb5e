package org.twostep.web.enroll;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.twostep.account.SignedIn;
import org.twostep.challenge.Challenges;
import org.twostep.factors.SecondFactors;
import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;
import org.twostep.totp.TotpEnrollment;
import org.twostep.web.PageMessages;
import org.twostep.web.login.CredentialSubmission;
import org.twostep.web.login.PendingLogin;
import org.twostep.web.login.RequestClient;
import org.twostep.web.login.SignedInSession;
import org.twostep.web.login.StepUp;
import org.twostep.web.login.TotpCredential;

/**
 * {@code enroll/totp.xhtml}: an authenticator app. Right after the password, the first app of an
 * account that has none: its confirming code signs the user in. For a signed-in caller, another app
 * (a sensitive change: the service refuses it without a fresh second factor, and the page's
 * {@code stepUpGate} sends the caller through the challenge first). The QR code and the secret come
 * from the pending enrollment each time the page renders, so nothing secret is kept in the view state.
 */
@Named
@RequestScoped
public class EnrollTotpPage {

    static final String ADDING_KEY = "org.twostep.web.enroll.AddingTotp";

    @EJB
    Challenges challenges;

    @EJB
    SecondFactors factors;

    @Inject
    CredentialSubmission submission;

    @Inject
    StepUp stepUp;

    @Inject
    FacesContext faces;

    @Inject
    RequestClient client;

    @Inject
    PageMessages messages;

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
                if (who != null) {
                    Long id = (Long) request.getSession().getAttribute(ADDING_KEY);
                    enrollment = id == null ? factors.beginTotp(who, client.info()) : factors.showTotp(who, id, client.info());
                    request.getSession().setAttribute(ADDING_KEY, enrollment.id());
                } else if (pending != null && pending.isEnrollment()) {
                    enrollment = challenges.enrollment(pending.challengeId(), client.info());
                }
            } catch (VerificationException e) {
                if (e.reason() != Reason.STEP_UP_REQUIRED) {
                    request.getSession().removeAttribute(ADDING_KEY);
                }
                messages.refusal(e);
            }
        }
        return enrollment;
    }

    /** The enrollment's QR code, an inline SVG with an English label. */
    public String getQrSvg() {
        TotpEnrollment shown = getEnrollment();
        return shown == null ? null : QrCodes.svg(shown.otpauthUri(), "QR code to scan with your authenticator app");
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
        if (!messages.tryTo(() -> factors.confirmTotp(who, adding, typed, client.info()))) {
            return null;
        }
        request.getSession().removeAttribute(ADDING_KEY);
        return "/account/security?faces-redirect=true";
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
