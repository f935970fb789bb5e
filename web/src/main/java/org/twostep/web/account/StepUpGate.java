package org.twostep.web.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
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
        return stepUp.isNeeded() ? stepUp.begin(faces.getViewRoot().getViewId()) : null;
    }
}
