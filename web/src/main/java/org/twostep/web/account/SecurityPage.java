package org.twostep.web.account;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.twostep.account.AccountOverview;
import org.twostep.account.Accounts;
import org.twostep.account.SecondFactors;
import org.twostep.challenge.VerificationException;
import org.twostep.recovery.RecoveryCodeSets;
import org.twostep.web.login.Clients;
import org.twostep.web.login.Refusal;
import org.twostep.web.login.SignedInSession;
import org.twostep.web.login.StepUp;

/**
 * {@code account/security.xhtml}: the caller's second factors and recovery codes: rename, remove,
 * add, new recovery codes. Removing a factor and a new set of codes need a second factor proven in
 * the last five minutes ({@link StepUp}); a new set is shown once, in the response that made it.
 */
@Named
@RequestScoped
public class SecurityPage {

    private static final String SELF = "/account/security.xhtml";

    @EJB
    Accounts accounts;

    @EJB
    RecoveryCodeSets recoveryCodes;

    @Inject
    StepUp stepUp;

    @Inject
    HttpServletRequest request;

    @Inject
    FacesContext faces;

    @EJB
    SecondFactors factors;

    private AccountOverview overview;
    private List<String> newCodes;

    public AccountOverview getOverview() {
        if (overview == null) {
            overview = accounts.overview(SignedInSession.get(request).accountId());
        }
        return overview;
    }

    /** Renames the app or key of the submitted row to the name typed in it. */
    public void rename(SecondFactors.Kind kind) {
        try {
            factors.rename(SignedInSession.get(request), kind, submittedFactorId(), request.getParameter("nickname"),
                    Clients.of(request));
            info("Renamed.");
        } catch (VerificationException e) {
            error(Refusal.message(e.reason()));
        }
        overview = null;
    }

    /** Removes the app or key of the submitted row, after a step-up if the last second factor is older than five minutes. */
    public String remove(SecondFactors.Kind kind) {
        if (stepUp.isNeeded()) {
            return stepUp.begin(SELF);
        }
        try {
            factors.remove(SignedInSession.get(request), kind, submittedFactorId(), Clients.of(request));
            info("Removed.");
        } catch (VerificationException e) {
            error(Refusal.message(e.reason()));
        }
        overview = null;
        return null;
    }

    /** The id the row's form carried; -1 (no factor) when it is missing or not a number. */
    private long submittedFactorId() {
        try {
            return Long.parseLong(request.getParameter("factorId"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void info(String message) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
    }

    private void error(String message) {
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
    }

    public String regenerateRecoveryCodes() {
        if (stepUp.isNeeded()) {
            return stepUp.begin(SELF);
        }
        newCodes = recoveryCodes.regenerate(SignedInSession.get(request), Clients.of(request));
        overview = null;
        return null;
    }

    /** The codes just made, or null: they exist in this response only. */
    public List<String> getNewCodes() {
        return newCodes;
    }

    /** The new codes as a text file, for the download link. */
    public String getDownloadHref() {
        StringBuilder text = new StringBuilder("TwoStep recovery codes for ").append(getOverview().username())
                .append("\nEach code works once. Keep them somewhere safe.\n\n");
        newCodes.forEach(code -> text.append(code).append('\n'));
        return "data:text/plain;charset=utf-8," + URLEncoder.encode(text.toString(), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
