package org.twostep.web.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.twostep.web.login.SignedInSession;
import org.twostep.web.login.StepUp;

/**
 * Guards the pages that add a second factor: a signed-in caller whose last second factor is older
 * than the step-up window proves one again first (a passkey added by a stolen session would
 * outlive it). Use as {@code <f:viewAction action="#{stepUpGate.require}"/>}.
 */
@Named
@RequestScoped
public class StepUpGate {

    @Inject
    StepUp stepUp;

    @Inject
    FacesContext faces;

    public String require() {
        HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
        if (SignedInSession.get(request) == null || !stepUp.isNeeded()) {
            return null;
        }
        return stepUp.begin(faces.getViewRoot().getViewId());
    }
}
