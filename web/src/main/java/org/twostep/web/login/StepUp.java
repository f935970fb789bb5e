package org.twostep.web.login;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.servlet.http.HttpServletRequest;
import org.twostep.account.SignedIn;
import org.twostep.challenge.Challenges;
import org.twostep.challenge.VerificationException;
import org.twostep.config.Settings;

/**
 * Step-up: before a sensitive change (new recovery codes, removing a factor) a signed-in caller must
 * have proven a second factor in the last five minutes; otherwise they go through the challenge page
 * once more and come back.
 *
 * <pre>{@code
 * if (stepUp.isNeeded()) { return stepUp.begin("/account/security.xhtml"); }
 * }</pre>
 *
 * The caller is already authenticated, so the proof (a code, a recovery code or a security key, never
 * a password) goes to the challenge service directly rather than through the authentication mechanism.
 */
@RequestScoped
public class StepUp {

    @EJB
    Challenges challenges;

    @Inject
    HttpServletRequest request;

    @Inject
    Settings settings;

    /** Whether the caller's last second factor is older than {@code twostep.step-up.window} (5 minutes). */
    public boolean isNeeded() {
        return !SignedInSession.provenWithin(request, settings.stepUpWindow());
    }

    /**
     * Opens a step-up challenge and returns the navigation to the challenge page; when the account is
     * locked, none can be opened: the caller goes home with the lockout message.
     */
    public String begin(String returnTo) {
        SignedIn who = SignedInSession.get(request);
        try {
            PendingLogin.save(request, challenges.openStepUp(who, Clients.of(request)));
        } catch (VerificationException e) {
            FacesContext faces = FacesContext.getCurrentInstance();
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, Refusal.message(e.reason()), null));
            faces.getExternalContext().getFlash().setKeepMessages(true);
            return "/home?faces-redirect=true";
        }
        SignedInSession.saveReturnTo(request, returnTo);
        return "/challenge?faces-redirect=true";
    }

    /** Whether a credential can prove a step-up: a second factor, never a password. */
    static boolean accepts(jakarta.security.enterprise.credential.Credential credential) {
        return credential instanceof TotpCredential || credential instanceof RecoveryCodeCredential
                || credential instanceof WebAuthnAssertionCredential key && !key.passkey();
    }

    /** Whether this session is in the middle of a step-up. */
    public boolean isInProgress() {
        return SignedInSession.get(request) != null && PendingLogin.get(request) != null;
    }

    /**
     * Verifies the step-up proof; on success the session counts as freshly proven and the address to
     * return to is given back.
     *
     * @throws org.twostep.challenge.VerificationException the proof was refused
     */
    public String prove(Credential proof) {
        PendingLogin pending = PendingLogin.get(request);
        try {
            if (proof instanceof RecoveryCodeCredential recovery) {
                challenges.verifyRecoveryCode(pending.challengeId(), recovery.code(), Clients.of(request));
            } else if (proof instanceof WebAuthnAssertionCredential key) {
                challenges.verifyWebAuthn(pending.challengeId(), key.ceremonyId(), key.json(), key.relyingParty(),
                        Clients.of(request));
            } else {
                challenges.verifyTotp(pending.challengeId(), ((TotpCredential) proof).code(), Clients.of(request));
            }
        } catch (VerificationException e) {
            if (Refusal.endsLogin(e.reason())) {
                PendingLogin.remove(request); // the step-up is over; the caller stays signed in
            }
            throw e;
        }
        PendingLogin.remove(request);
        SignedInSession.markProven(request);
        return SignedInSession.takeReturnTo(request);
    }
}
