package org.twostep.challenge;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.twostep.account.Accounts;
import org.twostep.account.SignedIn;
import org.twostep.audit.AuditEvent;
import org.twostep.audit.AuditLog;
import org.twostep.audit.ClientInfo;
import org.twostep.audit.EventType;
import org.twostep.audit.LoginAttempt;
import org.twostep.audit.Method;
import org.twostep.config.Settings;
import org.twostep.factors.SecondFactorOptions;
import org.twostep.factors.SecondFactors;
import org.twostep.refusal.Reason;
import org.twostep.totp.TotpAuthenticators;
import org.twostep.totp.TotpEnrollment;

/**
 * The life of a second step, as data: a challenge opened after the password (or for a step-up),
 * then proven ({@link Verifications}), expired, or swept.
 *
 * <pre>{@code
 * ChallengeTicket ticket = challenges.open(who, attempt);                 // after the password
 * SignedIn who = verifications.totp(Proving.login(ticket.id()), "123456", client); // or a VerificationException
 * int expired = challenges.expireDue(clock.instant(), 500);                // the sweeper, a batch
 * }</pre>
 */
@Stateless
public class Challenges {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Settings settings;

    @Inject
    LiveChallenges live;

    @EJB
    Accounts accounts;

    @EJB
    SecondFactors factors;

    @EJB
    TotpAuthenticators totp;

    @EJB
    AuditLog audit;

    /** Opens the second step for an account whose password was accepted: to prove a factor, or to enroll the first. */
    public ChallengeTicket open(SignedIn who, LoginAttempt attempt) {
        SecondFactorOptions options = factors.options(who.accountId());
        PendingChallenge.Purpose purpose = options.any()
                ? PendingChallenge.Purpose.SECOND_FACTOR
                : PendingChallenge.Purpose.ENROLLMENT;
        PendingChallenge challenge = create(who.accountId(), attempt, purpose);
        audit.record(AuditEvent.succeeded(EventType.FIRST_FACTOR_OK, attempt).forAccount(who.accountId())
                .by(Method.PASSWORD).detail(purpose == PendingChallenge.Purpose.ENROLLMENT ? "enrollment required" : null));
        return new ChallengeTicket(challenge.id(), purpose, options.any() ? options : SecondFactorOptions.NONE);
    }

    /**
     * Step-up: a signed-in caller proves a second factor again before a sensitive change (adding or
     * removing a factor, new recovery codes). Proven like a login's second step, audited STEP_UP_OK.
     */
    public ChallengeTicket openStepUp(SignedIn who, boolean keyOnly, ClientInfo client) {
        LoginAttempt attempt = LoginAttempt.start(who.username(), client);
        PendingChallenge challenge = create(who.accountId(), attempt,
                keyOnly ? PendingChallenge.Purpose.STEP_UP_KEY : PendingChallenge.Purpose.STEP_UP);
        audit.record(AuditEvent.succeeded(EventType.STEP_UP_STARTED, attempt).forAccount(who.accountId()));
        SecondFactorOptions options = factors.options(who.accountId());
        return new ChallengeTicket(challenge.id(), challenge.purpose(), keyOnly ? options.keysOnly() : options);
    }

    private PendingChallenge create(long accountId, LoginAttempt attempt, PendingChallenge.Purpose purpose) {
        Instant now = clock.instant();
        PendingChallenge challenge = new PendingChallenge(accountId, attempt.typedUsername(), purpose,
                attempt.correlationId(), now, now.plus(settings.challengeTtl()));
        em.persist(challenge);
        return challenge;
    }

    /**
     * The enrollment of the first authenticator app, for an account that has none: started at the
     * first call, shown again (same secret) on a reload, so one login leaves one pending app.
     */
    public TotpEnrollment enrollment(String challengeId, ClientInfo client) {
        PendingChallenge challenge = live.take(challengeId, EnumSet.of(PendingChallenge.Purpose.ENROLLMENT), client);
        String accountName = accounts.find(challenge.accountId()).username();
        if (challenge.enrollmentId() != null) {
            return totp.show(challenge.accountId(), challenge.enrollmentId(), accountName);
        }
        TotpEnrollment enrollment = totp.begin(challenge.accountId(), accountName);
        challenge.startEnrollment(enrollment.id());
        return enrollment;
    }

    /**
     * The sweeper's work, one batch in a transaction of its own: marks up to {@code max} pending
     * challenges past their time to live expired, and audits each once. The sweeper calls it until a
     * batch comes back short, so a backlog of any size is swept in constant memory.
     *
     * @return how many were looked at (all expired, but those a verification finished meanwhile);
     *     fewer than {@code max} when none is left
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int expireDue(Instant now, int max) {
        // The batch is chosen first, unlocked, from the (state, expires_at) index and in no order: any due
        // challenge will do, and an order would have the database read and sort every due row for each
        // batch (with a lock on each, in H2, under "for update"): a million of them in a backlog.
        List<String> ids = em.createQuery("select c.id from PendingChallenge c where c.state = :pending"
                        + " and c.expiresAt <= :now", String.class)
                .setParameter("pending", PendingChallenge.State.PENDING)
                .setParameter("now", now)
                .setMaxResults(max)
                .getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        // Locked, so a verification of one of them waits, and each is expired and audited exactly once;
        // one a verification finished meanwhile is no longer pending, and is left alone.
        List<PendingChallenge> due = em.createQuery("select c from PendingChallenge c where c.id in :ids"
                        + " and c.state = :pending", PendingChallenge.class)
                .setParameter("ids", ids)
                .setParameter("pending", PendingChallenge.State.PENDING)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        if (due.isEmpty()) {
            return ids.size(); // all taken by verifications meanwhile: the next batch may still find due ones
        }
        em.createQuery("update PendingChallenge c set c.state = :expired, c.finishedAt = :now where c.id in :ids")
                .setParameter("expired", PendingChallenge.State.EXPIRED)
                .setParameter("now", now)
                .setParameter("ids", due.stream().map(PendingChallenge::id).toList())
                .executeUpdate();
        for (PendingChallenge challenge : due) {
            audit.record(AuditEvent.refused(EventType.CHALLENGE_EXPIRED, Reason.CHALLENGE_EXPIRED,
                    LiveChallenges.attemptOf(challenge, null)).forAccount(challenge.accountId()).detail("swept"));
        }
        return ids.size(); // a full batch looked at: the sweeper asks for the next
    }

    /** Deletes finished challenges created before {@code before}. */
    public int purgeFinished(Instant before) {
        return em.createQuery("delete from PendingChallenge c where c.state <> :pending and c.createdAt < :before")
                .setParameter("pending", PendingChallenge.State.PENDING)
                .setParameter("before", before)
                .executeUpdate();
    }
}
