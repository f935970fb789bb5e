package org.twostep.challenge;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.logging.Logger;
import org.twostep.config.Settings;

/**
 * One timer, whatever the load, that marks expired challenges and deletes finished ones past the
 * retention period. Correctness never depends on it: every use of a challenge checks its expiry.
 *
 * <p>The interval comes from {@code twostep.sweeper.interval}, so it is created in code rather than
 * with {@code @Schedule}. The timer is not persistent: it is created anew at every start, and a
 * persistent one would add a copy at each restart.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
public class ChallengeSweeper {

    @Resource
    TimerService timers;

    @EJB
    Challenges challenges;

    @Inject
    Settings settings;

    @Inject
    Clock clock;

    @Inject
    Logger log;

    @PostConstruct
    void schedule() {
        long interval = settings.sweeperInterval().toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig("twostep-challenge-sweeper", false));
    }

    @Timeout
    void sweep() {
        Instant now = clock.instant();
        int expired = challenges.expireDue(now);
        int purged = challenges.purgeFinished(now.minus(settings.challengeRetention()));
        if (expired + purged > 0) {
            log.fine(() -> "Challenge sweep: " + expired + " expired, " + purged + " purged");
        }
    }
}
