package org.twostep.challenge;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
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
 * int expired = challenges.expireDue(clock.instant());                     // the sweeper
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
        PendingChallenge.Purpose purpose = factors.hasAny(who.accountId())
                ? PendingChallenge.Purpose.SECOND_FACTOR
                : PendingChallenge.Purpose.ENROLLMENT;
        PendingChallenge challenge = create(who.accountId(), attempt, purpose);
        audit.record(AuditEvent.succeeded(EventType.FIRST_FACTOR_OK, attempt).forAccount(who.accountId())
                .by(Method.PASSWORD).detail(purpose == PendingChallenge.Purpose.ENROLLMENT ? "enrollment required" : null));
        return new ChallengeTicket(challenge.id(), purpose);
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
        return new ChallengeTicket(challenge.id(), challenge.purpose());
    }

    private PendingChallenge create(long accountId, LoginAttempt attempt, PendingChallenge.Purpose purpose) {
        Instant now = clock.instant();
        PendingChallenge challenge = new PendingChallenge(accountId, attempt.typedUsername(), purpose,
                attempt.correlationId(), now, now.plus(settings.challengeTtl()));
        em.persist(challenge);
        return challenge;
    }

    /** What the challenge page offers this pending login, and which method it used last. */
    public SecondFactorOptions options(String challengeId) {
        PendingChallenge challenge = challengeId == null ? null : em.find(PendingChallenge.class, challengeId);
        if (challenge == null) {
            return SecondFactorOptions.NONE;
        }
        SecondFactorOptions options = factors.options(challenge.accountId());
        return challenge.purpose() == PendingChallenge.Purpose.STEP_UP_KEY ? options.keysOnly() : options;
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

    /** The sweeper's work: marks every pending challenge past its time to live expired, and audits each once. */
    public int expireDue(Instant now) {
        // Locked, so a verification of one of them waits, and each is expired and audited exactly once.
        List<PendingChallenge> due = em.createQuery("select c from PendingChallenge c where c.state = :pending"
                        + " and c.expiresAt <= :now", PendingChallenge.class)
                .setParameter("pending", PendingChallenge.State.PENDING)
                .setParameter("now", now)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        if (due.isEmpty()) {
            return 0;
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
        return due.size();
    }

    /** Deletes finished challenges created before {@code before}. */
    public int purgeFinished(Instant before) {
        return em.createQuery("delete from PendingChallenge c where c.state <> :pending and c.createdAt < :before")
                .setParameter("pending", PendingChallenge.State.PENDING)
                .setParameter("before", before)
                .executeUpdate();
    }
}
