package org.twostep.web.account;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.twostep.account.AccountOverview;
import org.twostep.account.Accounts;
import org.twostep.recovery.RecoveryCodeSets;
import org.twostep.web.login.Clients;
import org.twostep.web.login.SignedInSession;
import org.twostep.web.login.StepUp;

/**
 * {@code account/security.xhtml}: the caller's second factors and recovery codes. A new set of
 * recovery codes needs a second factor proven in the last five minutes ({@link StepUp}); the set is
 * shown once, in the response that made it.
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

    private AccountOverview overview;
    private List<String> newCodes;

    public AccountOverview getOverview() {
        if (overview == null) {
            overview = accounts.overview(SignedInSession.get(request).accountId());
        }
        return overview;
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
