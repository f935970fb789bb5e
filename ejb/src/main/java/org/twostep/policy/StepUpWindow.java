package org.twostep.policy;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.twostep.account.SignedIn;
import org.twostep.audit.AuditEvent;
import org.twostep.audit.AuditLog;
import org.twostep.audit.ClientInfo;
import org.twostep.audit.EventType;
import org.twostep.audit.LoginAttempt;
import org.twostep.audit.Method;
import org.twostep.config.Settings;
import org.twostep.refusal.Reason;

/**
 * The step-up rule, the one place that decides it: a sensitive change (adding or removing a factor,
 * new recovery codes) needs a second factor proven within {@code twostep.step-up.window}
 * (5 minutes). The services enforce it themselves; the pages ask it only to choose where to go.
 * Time is the injected {@link Clock}'s.
 *
 * <pre>{@code
 * stepUp.require(who, EventType.FACTOR_REFUSED, Method.TOTP, client); // refused and audited when it is older
 * if (!stepUp.isFresh(who)) ...                                          // a page goes through the challenge first
 * }</pre>
 */
@ApplicationScoped
public class StepUpWindow {

    @Inject
    Settings settings;

    @Inject
    Clock clock;

    @EJB
    AuditLog audit;

    /** Whether the caller proved a second factor within the window. */
    public boolean isFresh(SignedIn who) {
        return who != null && who.secondFactorAt() != null
                && who.secondFactorAt().isAfter(clock.instant().minus(settings.stepUpWindow()));
    }

    /**
     * Refuses the change the caller asked for, audited as {@code event} by {@code method} with reason
     * {@code STEP_UP_REQUIRED}, when their second factor is older than the window.
     *
     * @throws StepUpRequiredException then
     */
    public void require(SignedIn who, EventType event, Method method, ClientInfo client) {
        if (!isFresh(who)) {
            audit.refusal(AuditEvent.refused(event, Reason.STEP_UP_REQUIRED, LoginAttempt.resume(null, who.username(), client))
                    .forAccount(who.accountId()).by(method));
            throw new StepUpRequiredException();
        }
    }
}
