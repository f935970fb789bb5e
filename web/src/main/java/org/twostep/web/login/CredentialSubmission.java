package org.twostep.web.login;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.twostep.web.PageMessages;

/**
 * What every login page does with what the user typed: hand it to the mechanism, whatever state the
 * session is in, then show the {@link LoginOutcome}: the mechanism's redirect stands, or the
 * refusal's message is shown.
 *
 * <pre>{@code
 * @Inject CredentialSubmission submission;
 * public void verify() { submission.submit(new TotpCredential(code)); }
 * }</pre>
 */
@RequestScoped
public class CredentialSubmission {

    @Inject
    Logins logins;

    @Inject
    FacesContext faces;

    @Inject
    PageMessages messages;

    public void submit(Credential credential) {
        ExternalContext external = faces.getExternalContext();
        LoginOutcome outcome = logins.submit(credential, (HttpServletResponse) external.getResponse());
        if (outcome.isRefused()) {
            messages.refusal(outcome.refusal());
        } else if (outcome.alreadySignedIn()) {
            messages.info("alreadySignedIn");
            messages.keep();
            redirect(external, outcome.next());
        } else {
            faces.responseComplete(); // the mechanism has answered with a redirect
        }
    }

    private static void redirect(ExternalContext external, String path) {
        try {
            external.redirect(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
