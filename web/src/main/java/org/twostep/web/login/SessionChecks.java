package org.twostep.web.login;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.twostep.account.Accounts;
import org.twostep.account.SignedIn;
import org.twostep.config.Settings;
import org.twostep.fault.ServiceBusyException;
import org.twostep.oidc.Authorizations;

/**
 * A signed-in session is trusted for so long only: {@code twostep.session.max-lifetime} (12 hours)
 * after its sign-in, whatever its activity, and while its account is active and its password
 * unchanged since (by another session), looked up again at
 * most every {@code twostep.session.recheck} (1 minute), so that a disabled account's sessions end
 * within that time without a query on every request. A session past either is signed out
 * ({@code SESSION_ENDED}, with the reason), the applications' grants made in it revoked, and the
 * request goes on as nobody's.
 *
 * <pre>{@code
 * SignedIn who = sessions.current(request);   // null: nobody, or a session that just ended
 * }</pre>
 */
@ApplicationScoped
public class SessionChecks {

    static final String KEY = "org.twostep.web.login.SessionClock";

    @Inject
    Clock clock;

    @Inject
    Settings settings;

    @EJB
    Accounts accounts;

    @EJB
    Authorizations authorizations;

    @Inject
    RequestClient client;

    /**
     * When the session signed in (its lifetime counts from there), when its account was last found
     * active, and the moment the account's cut-off ({@code sessions_valid_from}) is compared with:
     * the sign-in, or the password change this session made.
     */
    record SessionClock(Instant signedInAt, Instant checkedAt, Instant validFrom) implements Serializable {

        /** A session stored on disk before {@code validFrom} existed reads back without it: its sign-in stands in. */
        SessionClock {
            if (validFrom == null) {
                validFrom = signedInAt;
            }
        }

        SessionClock(Instant signedInAt, Instant checkedAt) {
            this(signedInAt, checkedAt, signedInAt);
        }

        enum Verdict { TRUSTED, RECHECK, TOO_OLD }

        /** What the session needs at {@code now}: nothing, a look at its account, or to end. */
        Verdict at(Instant now, Duration maxLifetime, Duration recheck) {
            if (!now.isBefore(signedInAt.plus(maxLifetime))) {
                return Verdict.TOO_OLD;
            }
            return now.isBefore(checkedAt.plus(recheck)) ? Verdict.TRUSTED : Verdict.RECHECK;
        }
    }

    /** The session's caller, if the session may still be trusted; otherwise it is signed out here. */
    public SignedIn current(HttpServletRequest request) {
        SignedIn who = SignedInSession.get(request);
        if (who == null) {
            return null;
        }
        HttpSession session = request.getSession();
        Instant now = clock.instant();
        // A session signed in before this check existed starts its clock now, and its account is looked at.
        SessionClock times = session.getAttribute(KEY) instanceof SessionClock known ? known : new SessionClock(now, Instant.EPOCH);
        switch (times.at(now, settings.sessionMaxLifetime(), settings.sessionRecheck())) {
            case TOO_OLD -> {
                return ended(request, who, "lifetime over (" + settings.sessionMaxLifetime() + ")");
            }
            case RECHECK -> {
                try {
                    String why = accounts.sessionEnds(who.accountId(), times.validFrom());
                    if (why != null) {
                        return ended(request, who, why);
                    }
                    session.setAttribute(KEY, new SessionClock(times.signedInAt(), now, times.validFrom()));
                } catch (ServiceBusyException e) {
                    // The database cannot say now: trusted as it was a moment ago, looked at again at the next request.
                }
            }
            case TRUSTED -> {
                // looked at recently enough
            }
        }
        return who;
    }

    /**
     * A session that has not signed in lasts no longer than a challenge ({@code twostep.challenge.ttl},
     * 5 minutes, idle): an abandoned login leaves nothing behind after that, where a signed-in
     * session keeps the container's idle timeout (30 minutes).
     */
    void beforeSignIn(HttpServletRequest request) {
        request.getSession().setMaxInactiveInterval((int) Math.max(60, settings.challengeTtl().toSeconds()));
    }

    /**
     * The caller changed their password at {@code changedAt}, which ends the account's other sessions:
     * this one goes on, its lifetime still counted from its sign-in.
     */
    public void passwordChanged(HttpServletRequest request, Instant changedAt) {
        HttpSession session = request.getSession();
        Instant signedInAt = session.getAttribute(KEY) instanceof SessionClock known ? known.signedInAt() : changedAt;
        session.setAttribute(KEY, new SessionClock(signedInAt, changedAt, changedAt));
    }

    /** A new sign-in: its lifetime starts now, and its idle timeout is the container's again. */
    void signedIn(HttpServletRequest request) {
        Instant now = clock.instant();
        HttpSession session = request.getSession();
        session.setAttribute(KEY, new SessionClock(now, now));
        int minutes = request.getServletContext().getSessionTimeout();
        session.setMaxInactiveInterval(minutes > 0 ? minutes * 60 : -1);
    }

    private SignedIn ended(HttpServletRequest request, SignedIn who, String why) {
        try {
            accounts.sessionEnded(who, client.info(), why);
            authorizations.sessionEnded(who.sessionId());
        } catch (ServiceBusyException e) {
            // Ended all the same; the applications' grants expire with their tokens, or at the next sign-out.
        }
        SignedInSession.remove(request);
        PendingLogin.remove(request);
        request.getSession().removeAttribute(KEY);
        return null;
    }
}
