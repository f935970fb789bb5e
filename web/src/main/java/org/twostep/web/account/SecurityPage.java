package org.twostep.web.account;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.twostep.factors.AccountOverview;
import org.twostep.factors.FactorKind;
import org.twostep.factors.SecondFactors;
import org.twostep.account.SignedIn;
import org.twostep.audit.LoginAttempt;
import org.twostep.recovery.RecoveryCodeSets;
import org.twostep.trust.TrustedBrowserView;
import org.twostep.trust.TrustedBrowsers;
import org.twostep.web.PageMessages;
import org.twostep.web.webauthn.RelyingParties;
import org.twostep.web.login.RequestClient;
import org.twostep.web.login.SignedInSession;
import org.twostep.web.login.StepUp;

/**
 * {@code account/security.xhtml}: the caller's second factors and recovery codes (rename, remove,
 * add, new recovery codes), trusted browsers (revoke one or all), and the way to a new password. Removing a factor and a new set of codes need a second factor proven in
 * the step-up window (the services refuse them otherwise; this page sends the caller through
 * {@link StepUp} first); a new set is shown once, in the response that made it.
 */
@Named
@RequestScoped
public class SecurityPage {

    private static final String SELF = "/account/security.xhtml";

    @EJB
    SecondFactors factors;

    @EJB
    RecoveryCodeSets recoveryCodes;

    @EJB
    TrustedBrowsers trustedBrowsers;

    @Inject
    StepUp stepUp;

    @Inject
    HttpServletRequest request;

    @Inject
    RequestClient client;

    @Inject
    PageMessages messages;

    @Inject
    RelyingParties relyingParties;

    private AccountOverview overview;
    private List<String> newCodes;
    private List<TrustedBrowserView> browsers;

    public AccountOverview getOverview() {
        if (overview == null) {
            overview = factors.overview(SignedInSession.get(request).accountId());
        }
        return overview;
    }

    /** Renames the app or key of the submitted row to the name typed in it. */
    public void rename(FactorKind kind) {
        if (messages.tryTo(() -> factors.rename(SignedInSession.get(request), kind, submittedFactorId(),
                request.getParameter("nickname"), client.info()))) {
            messages.info("security.renamed");
        }
        overview = null;
    }

    /** Removes the app or key of the submitted row, after a step-up if the last second factor is too old. */
    public String remove(FactorKind kind) {
        if (stepUp.isNeeded()) {
            return stepUp.begin(SELF);
        }
        if (messages.tryTo(() -> factors.remove(SignedInSession.get(request), kind, submittedFactorId(), client.info()))) {
            messages.info("security.removed");
        }
        overview = null;
        return null;
    }

    /** The WebAuthn relying party's id, which the browser's passkey store files the account's passkeys under. */
    public String getRpId() {
        return relyingParties.of(request).id();
    }

    /** The browsers that skip the second step, the last used first. */
    public List<TrustedBrowserView> getTrustedBrowsers() {
        if (browsers == null) {
            browsers = trustedBrowsers.list(SignedInSession.get(request).accountId());
        }
        return browsers;
    }

    /** Whether trusting a browser is offered at all (by policy). */
    public boolean isTrustOffered() {
        return trustedBrowsers.enabled();
    }

    /** Forgets the browser of the submitted row: it is asked for a second factor at its next sign-in. */
    public void revokeBrowser() {
        if (messages.tryTo(() -> trustedBrowsers.revoke(SignedInSession.get(request), submittedFactorId(), client.info()))) {
            messages.info("security.browserForgotten");
        }
        browsers = null;
    }

    /** Forgets every trusted browser of the account. */
    public void revokeAllBrowsers() {
        SignedIn who = SignedInSession.get(request);
        int[] revoked = new int[1];
        if (messages.tryTo(() -> revoked[0] = trustedBrowsers.revokeAll(who.accountId(), "all, by their owner",
                LoginAttempt.resume(null, who.username(), client.info())))) {
            messages.info(revoked[0] == 0 ? "security.noBrowserTrusted" : "security.browsersForgotten");
        }
        browsers = null;
    }

    /** The id the row's form carried; -1 (no factor) when it is missing or not a number. */
    private long submittedFactorId() {
        try {
            return Long.parseLong(request.getParameter("factorId"));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public String regenerateRecoveryCodes() {
        if (stepUp.isNeeded()) {
            return stepUp.begin(SELF);
        }
        messages.tryTo(() -> newCodes = recoveryCodes.regenerate(SignedInSession.get(request), client.info()));
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
