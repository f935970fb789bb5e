package org.twostep.web.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import org.twostep.account.SignedIn;
import org.twostep.challenge.ChallengeTicket;
import org.twostep.challenge.PendingChallenge;
import org.twostep.challenge.Proving;
import org.twostep.factors.SecondFactorOptions;

/**
 * The named state "password accepted, second factor pending": the challenge's id and purpose, and
 * the second factors its page offers, under one namespaced session key. Immutable and serializable,
 * so a distributed session can carry it.
 *
 * <pre>{@code
 * PendingLogin.save(request, ticket);              // after the password
 * PendingLogin pending = PendingLogin.get(request); // on the challenge page, or null
 * PendingLogin.remove(request);                    // signed in, or start again
 * }</pre>
 */
public record PendingLogin(String challengeId, PendingChallenge.Purpose purpose, SecondFactorOptions options)
        implements Serializable {

    static final String KEY = "org.twostep.web.login.PendingLogin";

    public boolean isEnrollment() {
        return purpose == PendingChallenge.Purpose.ENROLLMENT;
    }

    /** A signed-in caller's step-up, not a login. */
    public boolean isStepUp() {
        return purpose == PendingChallenge.Purpose.STEP_UP || purpose == PendingChallenge.Purpose.STEP_UP_KEY;
    }

    /**
     * What the session's pending challenge is there to prove: a login's second step, or the signed-in
     * caller's step-up, bound to their account. With nothing pending, a login with no challenge
     * (which the service refuses).
     */
    public static Proving proving(HttpServletRequest request) {
        PendingLogin pending = get(request);
        SignedIn signedIn = SignedInSession.get(request);
        if (pending == null) {
            return Proving.login(null);
        }
        if (pending.isStepUp()) {
            return signedIn == null ? Proving.login(null) : Proving.stepUp(pending.challengeId(), signedIn.accountId());
        }
        return Proving.login(pending.challengeId());
    }

    static void save(HttpServletRequest request, ChallengeTicket ticket) {
        request.getSession().setAttribute(KEY, new PendingLogin(ticket.id(), ticket.purpose(), ticket.options()));
    }

    public static PendingLogin get(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (PendingLogin) session.getAttribute(KEY);
    }

    static void remove(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(KEY);
        }
    }
}
