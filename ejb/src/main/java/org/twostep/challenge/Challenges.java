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
import java.util.Set;
import org.twostep.account.Account;
import org.twostep.account.Accounts;
import org.twostep.account.SignedIn;
import org.twostep.audit.AuditEvent;
import org.twostep.audit.AuditLog;
import org.twostep.audit.ClientInfo;
import org.twostep.audit.EventType;
import org.twostep.audit.LoginAttempt;
import org.twostep.audit.Method;
import org.twostep.audit.Reason;
import org.twostep.config.Settings;
import org.twostep.recovery.RecoveryCodeSets;
import org.twostep.totp.ClockSkewSuspectedException;
import org.twostep.totp.EnrollmentNotPendingException;
import org.twostep.totp.TotpAuthenticators;
import org.twostep.totp.TotpEnrollment;
import org.twostep.webauthn.RelyingParty;
import org.twostep.webauthn.WebAuthnKeys;
import org.twostep.webauthn.WebAuthnOptions;

/**
 * The second step of a login, as data: a challenge opened after the password, proven (or enrolled)
 * once, within its time to live and attempt limit.
 *
 * <pre>{@code
 * ChallengeTicket ticket = challenges.open(who, attempt);             // after the password
 * SignedIn who = challenges.verifyTotp(ticket.id(), "123456", client); // or a VerificationException
 * }</pre>
 *
 * Each use locks the challenge row, so concurrent submits are counted one after the other.
 */
@Stateless
public class Challenges {

    /** The challenges a factor can be proven against: a login's second step, or a step-up. */
    private static final Set<PendingChallenge.Purpose> PROVING =
            EnumSet.of(PendingChallenge.Purpose.SECOND_FACTOR, PendingChallenge.Purpose.STEP_UP);

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Settings settings;

    @EJB
    Accounts accounts;

    @EJB
    TotpAuthenticators totp;

    @EJB
    RecoveryCodeSets recoveryCodes;

    @EJB
    WebAuthnKeys webAuthn;

    @EJB
    AuditLog audit;

    /** Opens the second step for an account whose password was accepted. */
    public ChallengeTicket open(SignedIn who, LoginAttempt attempt) {
        Instant now = clock.instant();
        if (accounts.find(who.accountId()).isLockedAt(now)) {
            audit.refusal(AuditEvent.refused(EventType.SECOND_FACTOR_FAILED, Reason.LOCKED_OUT, attempt)
                    .forAccount(who.accountId()));
            throw new LockedOutException();
        }
        PendingChallenge.Purpose purpose = totp.hasActive(who.accountId()) || webAuthn.hasAny(who.accountId())
                ? PendingChallenge.Purpose.SECOND_FACTOR
                : PendingChallenge.Purpose.ENROLLMENT;
        PendingChallenge challenge = create(who.accountId(), attempt, purpose, now);
        audit.record(AuditEvent.succeeded(EventType.FIRST_FACTOR_OK, attempt).forAccount(who.accountId())
                .by(Method.PASSWORD).detail(purpose == PendingChallenge.Purpose.ENROLLMENT ? "enrollment required" : null));
        return new ChallengeTicket(challenge.id(), purpose);
    }

    /**
     * Step-up: a signed-in caller proves a second factor again before a sensitive change (adding or
     * removing a factor, new recovery codes). Proven like a login's second step, audited STEP_UP_OK.
     */
    public ChallengeTicket openStepUp(SignedIn who, ClientInfo client) {
        LoginAttempt attempt = LoginAttempt.start(who.username(), client);
        if (accounts.find(who.accountId()).isLockedAt(clock.instant())) {
            audit.refusal(AuditEvent.refused(EventType.SECOND_FACTOR_FAILED, Reason.LOCKED_OUT, attempt).forAccount(who.accountId()));
            throw new LockedOutException();
        }
        PendingChallenge challenge = create(who.accountId(), attempt, PendingChallenge.Purpose.STEP_UP, clock.instant());
        audit.record(AuditEvent.succeeded(EventType.STEP_UP_STARTED, attempt).forAccount(who.accountId()));
        return new ChallengeTicket(challenge.id(), challenge.purpose());
    }

    private PendingChallenge create(long accountId, LoginAttempt attempt, PendingChallenge.Purpose purpose, Instant now) {
        PendingChallenge challenge = new PendingChallenge(accountId, attempt.typedUsername(), purpose,
                attempt.correlationId(), now, now.plus(settings.challengeTtl()));
        em.persist(challenge);
        return challenge;
    }

    /** The second factor: a code from an enrolled authenticator app. */
    public SignedIn verifyTotp(String challengeId, String code, ClientInfo client) {
        PendingChallenge challenge = live(challengeId, PROVING, client);
        prove(challenge, Method.TOTP, client, () -> totp.verify(challenge.accountId(), code));
        return signIn(challenge, Method.TOTP, client, null);
    }

    /** Starts the second step with a security key: a fresh WebAuthn challenge tied to this pending challenge. */
    public WebAuthnOptions.Request webAuthnOptions(String challengeId, ClientInfo client) {
        PendingChallenge challenge = live(challengeId, PROVING, client);
        return webAuthn.secondFactorOptions(challenge.accountId(), challenge.id());
    }

    /** The second factor: an assertion from one of the account's security keys or passkeys. */
    public SignedIn verifyWebAuthn(String challengeId, String ceremonyId, String json, RelyingParty rp, ClientInfo client) {
        PendingChallenge challenge = live(challengeId, PROVING, client);
        prove(challenge, Method.WEBAUTHN, client,
                () -> webAuthn.verifySecondFactor(challenge.accountId(), challenge.id(), ceremonyId, json, rp));
        return signIn(challenge, Method.WEBAUTHN, client, null);
    }

    /** What the challenge page offers this pending login, and which method it used last. */
    public SecondFactorOptions options(String challengeId) {
        PendingChallenge challenge = challengeId == null ? null : em.find(PendingChallenge.class, challengeId);
        if (challenge == null) {
            return SecondFactorOptions.NONE;
        }
        long accountId = challenge.accountId();
        List<Method> last = em.createQuery("select e.method from AuditEvent e where e.accountId = :account"
                        + " and e.type = :loginOk and e.method in :methods order by e.id desc", Method.class)
                .setParameter("account", accountId)
                .setParameter("loginOk", EventType.LOGIN_OK)
                .setParameter("methods", List.of(Method.TOTP, Method.WEBAUTHN))
                .setMaxResults(1)
                .getResultList();
        return new SecondFactorOptions(totp.hasActive(accountId), webAuthn.hasAny(accountId),
                recoveryCodes.remaining(accountId) > 0, last.isEmpty() ? Method.TOTP : last.get(0));
    }

    /** The second factor: one of the account's recovery codes, spent by this use. */
    public SignedIn verifyRecoveryCode(String challengeId, String code, ClientInfo client) {
        PendingChallenge challenge = live(challengeId, PROVING, client);
        prove(challenge, Method.RECOVERY_CODE, client, () -> recoveryCodes.use(challenge.accountId(), code));
        audit.record(AuditEvent.succeeded(EventType.RECOVERY_CODE_USED, attemptOf(challenge, client))
                .forAccount(challenge.accountId()).by(Method.RECOVERY_CODE)
                .detail(recoveryCodes.remaining(challenge.accountId()) + " left"));
        return signIn(challenge, Method.RECOVERY_CODE, client, null);
    }

    /**
     * The enrollment of the first authenticator app, for an account that has none: started at the
     * first call, shown again (same secret) on a reload, so one login leaves one pending app.
     */
    public TotpEnrollment enrollment(String challengeId, ClientInfo client) {
        PendingChallenge challenge = live(challengeId, EnumSet.of(PendingChallenge.Purpose.ENROLLMENT), client);
        String accountName = accounts.find(challenge.accountId()).username();
        if (challenge.enrollmentId() != null) {
            return totp.show(challenge.accountId(), challenge.enrollmentId(), accountName);
        }
        TotpEnrollment enrollment = totp.begin(challenge.accountId(), accountName);
        challenge.startEnrollment(enrollment.id());
        return enrollment;
    }

    /** Confirms the enrollment with a first code; that code is the second factor of this login. */
    public SignedIn confirmEnrollment(String challengeId, String code, ClientInfo client) {
        PendingChallenge challenge = live(challengeId, EnumSet.of(PendingChallenge.Purpose.ENROLLMENT), client);
        prove(challenge, Method.TOTP, client, () -> {
            if (challenge.enrollmentId() == null) {
                throw new EnrollmentNotPendingException();
            }
            totp.confirm(challenge.accountId(), challenge.enrollmentId(), code);
        });
        audit.record(AuditEvent.succeeded(EventType.FACTOR_ADDED, attemptOf(challenge, client))
                .forAccount(challenge.accountId()).by(Method.TOTP));
        return signIn(challenge, Method.TOTP, client, "enrollment");
    }

    /** The sweeper's work: marks every pending challenge past its time to live expired, in one update. */
    public int expireDue(Instant now) {
        webAuthn.purgeCeremonies(now);
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
            audit.record(AuditEvent.refused(EventType.CHALLENGE_EXPIRED, Reason.CHALLENGE_EXPIRED, attemptOf(challenge, null))
                    .forAccount(challenge.accountId()).detail("swept"));
        }
        return due.size();
    }

    /** Deletes finished challenges, and enrollments never confirmed, created before {@code before}. */
    public int purgeFinished(Instant before) {
        totp.purgeAbandoned(before);
        return em.createQuery("delete from PendingChallenge c where c.state <> :pending and c.createdAt < :before")
                .setParameter("pending", PendingChallenge.State.PENDING)
                .setParameter("before", before)
                .executeUpdate();
    }

    /**
     * The challenge, locked for this transaction, if it may still be used: it exists, serves this
     * purpose, is pending and within its time to live. Otherwise the refusal is audited and thrown.
     */
    private PendingChallenge live(String challengeId, Set<PendingChallenge.Purpose> purposes, ClientInfo client) {
        PendingChallenge challenge = challengeId == null ? null
                : em.find(PendingChallenge.class, challengeId, LockModeType.PESSIMISTIC_WRITE);
        if (challenge == null || !purposes.contains(challenge.purpose())) {
            audit.refusal(AuditEvent.refused(EventType.SECOND_FACTOR_FAILED, Reason.NO_PENDING_CHALLENGE,
                    LoginAttempt.resume(null, null, client)));
            throw new NoPendingChallengeException();
        }
        VerificationException refusal = switch (challenge.state()) {
            case PENDING -> null;
            case EXPIRED -> new ChallengeExpiredException();
            case LOCKED -> new TooManyAttemptsException();
            case CONSUMED -> new NoPendingChallengeException();
        };
        if (refusal == null && challenge.isExpired(clock.instant())) {
            challenge.expire(clock.instant());
            refusal = new ChallengeExpiredException();
        }
        // The account next, locked too: its failure count is read and written by one verification at a time
        // (always challenge, then account, so two verifications cannot deadlock).
        Account account = em.find(Account.class, challenge.accountId(), LockModeType.PESSIMISTIC_WRITE);
        if (refusal == null && account.isLockedAt(clock.instant())) {
            challenge.lock(clock.instant()); // locked meanwhile, by this login's or another's wrong codes
            refusal = new LockedOutException();
        }
        if (refusal != null) {
            refuse(challenge, null, refusal, client, null);
            throw refusal;
        }
        return challenge;
    }

    /** Runs a proof; a refusal is counted against the challenge, audited and thrown. */
    private void prove(PendingChallenge challenge, Method method, ClientInfo client, Runnable proof) {
        try {
            proof.run();
        } catch (VerificationException e) {
            throw counted(challenge, method, e, client);
        }
    }

    /** Counts a refused proof against the challenge; at the limit the refusal becomes "too many attempts". */
    private VerificationException counted(PendingChallenge challenge, Method method, VerificationException e,
                                          ClientInfo client) {
        Instant now = clock.instant();
        boolean dead = challenge.countFailure(settings.challengeMaxAttempts(), now);
        String detail = "attempt " + challenge.attempts() + " of " + settings.challengeMaxAttempts();
        if (e instanceof ClockSkewSuspectedException skew) {
            detail = "offsetSeconds=" + skew.offsetSeconds() + "; " + detail;
        }
        refuse(challenge, method, e, client, detail);
        // Across logins too: a new password step must not buy a fresh set of guesses forever.
        Account account = em.find(Account.class, challenge.accountId()); // locked by live()
        if (account.countSecondFactorFailure(settings.lockoutThreshold(), settings.lockoutDuration(), now)) {
            challenge.lock(now);
            audit.record(AuditEvent.refused(EventType.ACCOUNT_LOCKED, Reason.LOCKED_OUT, attemptOf(challenge, client))
                    .forAccount(account.id()).detail("for " + settings.lockoutDuration()));
            return new LockedOutException();
        }
        return dead ? new TooManyAttemptsException() : e;
    }

    private void refuse(PendingChallenge challenge, Method method, VerificationException e, ClientInfo client,
                        String detail) {
        audit.refusal(AuditEvent.refused(EventType.SECOND_FACTOR_FAILED, e.reason(), attemptOf(challenge, client))
                .forAccount(challenge.accountId()).by(method).detail(detail));
    }

    private SignedIn signIn(PendingChallenge challenge, Method method, ClientInfo client, String detail) {
        Account account = accounts.find(challenge.accountId());
        challenge.consume(clock.instant());
        if (account == null || !account.isActive()) {
            refuse(challenge, method, new NoPendingChallengeException(), client, "account no longer active");
            throw new NoPendingChallengeException();
        }
        account.clearSecondFactorFailures();
        EventType event = challenge.purpose() == PendingChallenge.Purpose.STEP_UP ? EventType.STEP_UP_OK : EventType.LOGIN_OK;
        audit.record(AuditEvent.succeeded(event, attemptOf(challenge, client))
                .forAccount(account.id()).by(method).detail(detail));
        return SignedIn.of(account);
    }

    private static LoginAttempt attemptOf(PendingChallenge challenge, ClientInfo client) {
        return LoginAttempt.resume(challenge.correlationId(), challenge.username(), client);
    }
}
