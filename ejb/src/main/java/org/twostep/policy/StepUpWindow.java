package org.twostep.policy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import org.twostep.account.SignedIn;
import org.twostep.config.Settings;

/**
 * The step-up rule, the one place that decides it: a sensitive change (adding or removing a factor,
 * new recovery codes) needs a second factor proven within {@code twostep.step-up.window}
 * (5 minutes). The services enforce it themselves; the pages ask it only to choose where to go.
 * Time is the injected {@link Clock}'s.
 *
 * <pre>{@code
 * stepUp.require(who);          // StepUpRequiredException when who's second factor is older
 * if (!stepUp.isFresh(who)) ... // a page sends the caller through the challenge first
 * }</pre>
 */
@ApplicationScoped
public class StepUpWindow {

    @Inject
    Settings settings;

    @Inject
    Clock clock;

    /** Whether the caller proved a second factor within the window. */
    public boolean isFresh(SignedIn who) {
        return who != null && who.secondFactorAt() != null
                && who.secondFactorAt().isAfter(clock.instant().minus(settings.stepUpWindow()));
    }

    /** @throws StepUpRequiredException when the caller's second factor is older than the window */
    public void require(SignedIn who) {
        if (!isFresh(who)) {
            throw new StepUpRequiredException();
        }
    }
}
