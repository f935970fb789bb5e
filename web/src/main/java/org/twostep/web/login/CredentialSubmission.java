package org.twostep.web.login;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Credential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.twostep.challenge.VerificationException;

/**
 * What every login page does with what the user typed: hand it to the mechanism, then either let
 * the mechanism's redirect stand, or show the refusal's message.
 *
 * <pre>{@code
 * @Inject CredentialSubmission submission;
 * public void verify() { submission.submit(new TotpCredential(code)); }
 * }</pre>
 */
@RequestScoped
public class CredentialSubmission {

    @Inject
    SecurityContext securityContext;

    @Inject
    FacesContext faces;

    @Inject
    StepUp stepUp;

    public void submit(Credential credential) {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        if (SignedInSession.get(request) != null) {
            if (stepUp.isInProgress() && StepUp.accepts(credential)) {
                proveStepUp(credential, external, request);
            } else {
                alreadySignedIn(external); // a form re-posted with the back button, for instance
            }
            return;
        }
        AuthenticationStatus status = securityContext.authenticate(request, (HttpServletResponse) external.getResponse(),
                AuthenticationParameters.withParams().credential(credential).newAuthentication(true));
        if (status == AuthenticationStatus.SUCCESS || status == AuthenticationStatus.SEND_CONTINUE) {
            faces.responseComplete(); // the mechanism has answered with a redirect
        } else {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, Refusal.message(request), null));
        }
    }

    private void proveStepUp(Credential credential, ExternalContext external, HttpServletRequest request) {
        try {
            redirect(external, stepUp.prove(credential));
        } catch (VerificationException e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, Refusal.message(e.reason()), null));
        }
    }

    private void alreadySignedIn(ExternalContext external) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, "You are already signed in.", null));
        external.getFlash().setKeepMessages(true);
        redirect(external, external.getRequestContextPath() + "/home.xhtml");
    }

    private void redirect(ExternalContext external, String path) {
        try {
            external.redirect(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
