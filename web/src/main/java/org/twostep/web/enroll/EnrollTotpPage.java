package org.twostep.web.enroll;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.twostep.challenge.Challenges;
import org.twostep.challenge.VerificationException;
import org.twostep.totp.TotpEnrollment;
import org.twostep.web.login.Clients;
import org.twostep.web.login.CredentialSubmission;
import org.twostep.web.login.PendingLogin;
import org.twostep.web.login.Refusal;
import org.twostep.web.login.TotpCredential;

/**
 * {@code enroll/totp.xhtml}: the first authenticator app of an account that has none, reached right
 * after the password. The QR code and the secret come from the pending enrollment each time the
 * page renders, so nothing secret is kept in the view state; the confirming code signs the user in.
 */
@Named
@RequestScoped
public class EnrollTotpPage {

    @EJB
    Challenges challenges;

    @Inject
    CredentialSubmission submission;

    @Inject
    FacesContext faces;

    private String code;
    private TotpEnrollment enrollment;
    private boolean loaded;

    public String redirectIfSignedIn() {
        return submission.homeIfSignedIn();
    }

    /** The enrollment to show, or {@code null} (with a message) when no enrollment is open. */
    public TotpEnrollment getEnrollment() {
        if (!loaded) {
            loaded = true;
            HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
            PendingLogin pending = PendingLogin.get(request);
            if (pending == null || !pending.isEnrollment()) {
                return null;
            }
            try {
                enrollment = challenges.enrollment(pending.challengeId(), Clients.of(request));
            } catch (VerificationException e) {
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, Refusal.message(e.reason()), null));
            }
        }
        return enrollment;
    }

    public void confirm() {
        submission.submit(new TotpCredential(code));
        code = null;
    }

    public String getCode() {
        return null;
    }

    public void setCode(String code) {
        this.code = code;
    }
}
