package org.twostep.challenge;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.twostep.config.Settings;
import org.twostep.audit.AuditLog;
import org.twostep.oidc.Authorizations;
import org.twostep.oidc.Grants;
import org.twostep.totp.TotpAuthenticators;
import org.twostep.notice.Notices;
import org.twostep.trust.TrustedBrowsers;
import org.twostep.webauthn.WebAuthnCeremonies;

/**
 * One timer, whatever the load, that marks expired challenges and deletes finished ones past the
 * retention period, and has each feature purge what it left in flight (abandoned app enrollments,
 * expired WebAuthn ceremonies, codes, refresh tokens, trusted browsers expired or revoked), and the audit trail past
 * {@code twostep.audit.retention}; during a key rotation it re-seals secrets, a batch per sweep. Correctness never depends on it: every use checks its expiry.
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

    @EJB
    TotpAuthenticators totp;

    @EJB
    WebAuthnCeremonies ceremonies;

    @EJB
    Authorizations authorizations;

    @EJB
    TrustedBrowsers trustedBrowsers;

    @Inject
    Notices notices;

    /** Challenges expired (and audited) per transaction: a backlog of a million is as light to sweep as a few. */
    static final int EXPIRY_BATCH = 500;

    /** A sweep longer than this says so at INFO, with what it did: a backlog an operator should know of. */
    static final Duration SLOW_SWEEP = Duration.ofSeconds(10);

    /** Secrets looked at per sweep during a key rotation: a short transaction of its own each time, however many there are. */
    static final int RESEAL_BATCH = 100;

    /** Where the next batch of a key rotation starts (an authenticator id), and whether it is over. */
    private long rotationCursor;
    private boolean rotationDone;

    /** Expired authorization codes are kept this long, so that a late replay is still told apart and audited. */
    static final Duration CODES_KEPT = Duration.ofMinutes(5);

    @Inject
    Grants grants;

    @EJB
    AuditLog audit;

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

    /**
     * One batch of a key rotation, while one may be under way: the keys are read at deployment, so once
     * a pass through every secret found none left under an older key, there is nothing to do until the
     * next one.
     */
    private void rotate() {
        if (rotationDone) {
            return;
        }
        TotpAuthenticators.Resealed resealed = totp.resealWithCurrentKey(rotationCursor, RESEAL_BATCH);
        rotationCursor = resealed.nextAfterId();
        if (resealed.done() > 0 || resealed.unreadable() > 0) {
            log.info(() -> "Key rotation: re-sealed " + resealed.done() + " authenticator secrets with the current key"
                    + (resealed.unreadable() == 0 ? "" : ", " + resealed.unreadable() + " do not open and were left as they are")
                    + "; " + (resealed.left() == 0 ? "none is left under an older key, which can now be removed"
                    : resealed.left() + " left under older keys"));
        }
        rotationDone = resealed.nextAfterId() == 0 && resealed.left() - resealed.unreadable() <= 0;
    }

    /** Expires every challenge due, a batch per transaction, until a batch comes back short. */
    private int expireAll(Instant now) {
        int total = 0;
        int batch;
        do {
            batch = challenges.expireDue(now, EXPIRY_BATCH);
            total += batch;
        } while (batch == EXPIRY_BATCH);
        return total;
    }

    /** Stopped with the application: no run may start while the beans it calls stop. */
    @PreDestroy
    void cancel() {
        timers.getTimers().forEach(Timer::cancel);
    }

    /**
     * One sweep at the clock's now; public so that tests with a moved clock can run one without waiting.
     * No transaction of its own: each piece of work runs in its own, and the expiry in batches, so
     * neither a lock nor the memory held grows with the backlog.
     */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void sweep() {
        try {
            sweepAll();
        } catch (EJBException e) {
            // A bean it calls failed, or stopped under it as the application stops: the next sweep does
            // the rest. Said once, without the timer service's stack trace at ERROR.
            log.warning(() -> "Sweep stopped part-way (" + (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName()
                    + "); the next sweep goes on with what is left");
        }
    }

    private void sweepAll() {
        long started = System.nanoTime();
        Instant now = clock.instant();
        Instant retainedSince = now.minus(settings.challengeRetention());
        int expired = expireAll(now);
        int purged = challenges.purgeFinished(retainedSince);
        int abandoned = totp.purgeAbandoned(retainedSince);
        int ceremoniesPurged = ceremonies.purgeExpired(now);
        int codesPurged = authorizations.purgeExpired(now.minus(CODES_KEPT));
        int grantsPurged = grants.purgeExpired(now);
        int trustsPurged = trustedBrowsers.purgeEnded(retainedSince);
        int noticesPurged = notices.purgeFinished(retainedSince); // addresses and browsers: kept no longer than needed
        int auditPurged = audit.purgeOlderThan(now.minus(settings.auditRetention()));
        rotate();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (took.compareTo(SLOW_SWEEP) > 0) {
            log.info(() -> "Sweep took " + took.toMillis() + " ms: " + expired + " challenges expired (in batches of "
                    + EXPIRY_BATCH + "), " + purged + " purged, " + auditPurged + " audit events past their retention purged");
        } else if (expired + purged + abandoned + ceremoniesPurged + codesPurged + grantsPurged + trustsPurged + noticesPurged
                + auditPurged > 0) {
            log.fine(() -> "Sweep: " + expired + " challenges expired, " + purged + " purged; " + abandoned
                    + " abandoned enrollments, " + ceremoniesPurged + " WebAuthn ceremonies, " + codesPurged
                    + " authorization codes, " + grantsPurged + " refresh tokens and grants, " + trustsPurged
                    + " ended trusted browsers, " + noticesPurged + " sent or given-up notices, " + auditPurged
                    + " audit events past their retention purged");
        }
    }
}
