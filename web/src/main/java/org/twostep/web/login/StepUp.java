package org.twostep.web.login;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.twostep.challenge.Challenges;
import org.twostep.policy.StepUpWindow;
import org.twostep.web.PageMessages;

/**
 * Where the pages send a caller whose second factor is older than the step-up window, before a
 * sensitive change: through the challenge page once more, and back. The window is the policy's
 * ({@link StepUpWindow}), and the services refuse the change themselves without it; the proof is
 * the mechanism's step-up state.
 *
 * <pre>{@code
 * if (stepUp.isNeeded()) { return stepUp.begin("/account/security.xhtml"); }
 * }</pre>
 */
@RequestScoped
public class StepUp {

    @EJB
    Challenges challenges;

    @Inject
    HttpServletRequest request;

    @Inject
    StepUpWindow window;

    @Inject
    RequestClient client;

    @Inject
    PageMessages messages;

    /** Whether the signed-in caller's last second factor is older than {@code twostep.step-up.window}. */
    public boolean isNeeded() {
        return SignedInSession.get(request) != null && !window.isFresh(SignedInSession.get(request));
    }

    /**
     * Opens a step-up challenge and returns the navigation to the challenge page; when the account is
     * locked, none can be opened: the caller goes home with the lockout message.
     */
    public String begin(String returnTo) {
        if (!messages.tryTo(() -> PendingLogin.save(request, challenges.openStepUp(SignedInSession.get(request), false, client.info())))) {
            messages.keep();
            return "/home?faces-redirect=true";
        }
        SignedInSession.saveReturnTo(request, returnTo);
        return "/challenge?faces-redirect=true";
    }

    /**
     * Opens a step-up for the current (GET) request, which the caller comes back to once proven: an
     * application's authorization request that asked for a fresher second factor, or a key
     * ({@code keyOnly}: the challenge page then offers only security keys and passkeys).
     *
     * @throws org.twostep.refusal.VerificationException the account is locked
     */
    public void openForThisRequest(boolean keyOnly) {
        PendingLogin.save(request, challenges.openStepUp(SignedInSession.get(request), keyOnly, client.info()));
        SignedInSession.returnHereAfterLogin(request);
    }
}
