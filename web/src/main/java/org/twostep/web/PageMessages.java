package org.twostep.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import java.time.Instant;
import org.twostep.refusal.Reason;
import org.twostep.refusal.Refusal;
import org.twostep.refusal.VerificationException;

/**
 * The one way a page shows what happened: a refusal's message from the {@link Refusal} table, or a
 * short note; {@link #keep} carries them over a redirect.
 *
 * <pre>{@code
 * if (messages.tryTo(() -> factors.rename(who, kind, id, name, client.info()))) {
 *     messages.info("security.renamed");   // a key of messages.properties
 * }
 * }</pre>
 */
@RequestScoped
public class PageMessages {

    @Inject
    FacesContext faces;

    /**
     * Runs a service call; a refusal becomes its message on the page.
     *
     * @return whether the call went through
     */
    public boolean tryTo(Runnable call) {
        try {
            call.run();
            return true;
        } catch (VerificationException e) {
            refusal(e);
            return false;
        }
    }

    public void refusal(VerificationException e) {
        refusal(Refusal.of(e));
    }

    public void refusal(Reason reason) {
        refusal(Refusal.of(reason));
    }

    /**
     * The refusal's message on the page. A busy or rate-limited answer also gets its status (503,
     * 429) and {@code Retry-After}, so that a client, a proxy or a monitor sees it for what it is.
     */
    public void refusal(Refusal refusal) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, refusal.message(), null));
        if (refusal.isTemporary()) {
            ExternalContext external = faces.getExternalContext();
            external.setResponseStatus(refusal.status());
            external.setResponseHeader("Retry-After", Long.toString(refusal.retryAfterSeconds(Instant.now())));
        }
    }

    /** A short note on the page: the text of this key in the pages' resource bundle ({@code msg}). */
    public void info(String key) {
        String message = faces.getApplication().getResourceBundle(faces, "msg").getString(key);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
    }

    /** Keeps this request's messages for the page a redirect leads to. */
    public void keep() {
        faces.getExternalContext().getFlash().setKeepMessages(true);
    }
}
