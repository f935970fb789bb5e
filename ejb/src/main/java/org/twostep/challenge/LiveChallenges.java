package org.twostep.challenge;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.function.Predicate;
import org.twostep.account.Accounts;
import org.twostep.audit.AuditEvent;
import org.twostep.audit.AuditLog;
import org.twostep.audit.ClientInfo;
import org.twostep.audit.EventType;
import org.twostep.audit.LoginAttempt;
import org.twostep.audit.Method;
import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;

/**
 * The one way to use a pending challenge, shared by the lifecycle ({@link Challenges}) and the
 * proofs ({@link Proofs}); runs in the caller's transaction.
 */
@Dependent
class LiveChallenges {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @EJB
    Accounts accounts;

    @EJB
    AuditLog audit;

    /**
     * The challenge, locked for this transaction, if it may still be used: it exists, serves one of
     * these purposes, is pending and within its time to live. Otherwise the refusal is audited and
     * thrown. (A lockout of codes is the proof's to check: keys and recovery codes still work.)
     */
    PendingChallenge take(String challengeId, Set<PendingChallenge.Purpose> purposes, ClientInfo client) {
        return take(challengeId, purposes, challenge -> true, client);
    }

    /** The same, for a proof asked for a login or a step-up: the challenge must serve that, and a step-up's be the caller's. */
    PendingChallenge take(Proving proving, Set<PendingChallenge.Purpose> purposes, ClientInfo client) {
        return take(proving.challengeId(), proving.within(purposes), proving::accepts, client);
    }

    private PendingChallenge take(String challengeId, Set<PendingChallenge.Purpose> purposes,
                                  Predicate<PendingChallenge> bound, ClientInfo client) {
        PendingChallenge challenge = challengeId == null ? null
                : em.find(PendingChallenge.class, challengeId, LockModeType.PESSIMISTIC_WRITE);
        if (challenge == null || !purposes.contains(challenge.purpose()) || !bound.test(challenge)) {
            audit.refusal(AuditEvent.refused(EventType.SECOND_FACTOR_FAILED, Reason.NO_PENDING_CHALLENGE,
                    LoginAttempt.resume(null, null, client)));
            throw new NoPendingChallengeException();
        }
        Instant now = clock.instant();
        VerificationException refusal = challenge.refusalAt(now);
        // The account next, locked too: its failure count is read and written by one verification at a time
        // (always challenge, then account, so two verifications cannot deadlock).
        if (accounts.lock(challenge.accountId()) == null && refusal == null) {
            refusal = new NoPendingChallengeException(); // the account is gone
        }
        if (refusal != null) {
            refuse(challenge, null, refusal, client, null);
            throw refusal;
        }
        return challenge;
    }

    /** Audits a refusal of this challenge, in a transaction of its own. */
    void refuse(PendingChallenge challenge, Method method, VerificationException e, ClientInfo client, String detail) {
        audit.refusal(AuditEvent.refused(EventType.SECOND_FACTOR_FAILED, e.reason(), attemptOf(challenge, client))
                .forAccount(challenge.accountId()).by(method).detail(detail));
    }

    static LoginAttempt attemptOf(PendingChallenge challenge, ClientInfo client) {
        return LoginAttempt.resume(challenge.correlationId(), challenge.username(), client);
    }
}
