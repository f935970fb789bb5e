package org.twostep.account;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.twostep.audit.AuditEvent;
import org.twostep.audit.AuditLog;
import org.twostep.audit.ClientInfo;
import org.twostep.audit.EventType;
import org.twostep.audit.LoginAttempt;
import org.twostep.audit.Method;
import org.twostep.fault.AccountGate;
import org.twostep.fault.ServiceBusyException;
import org.twostep.policy.AddressLimits;
import org.twostep.policy.Escalation;
import org.twostep.policy.Lockout;
import org.twostep.policy.RateLimitedException;
import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;

/**
 * Accounts and the first factor: creating an account, and checking a username and password.
 *
 * <pre>{@code
 * SignedIn who = accounts.checkPassword(attempt, password);  // or a VerificationException
 * }</pre>
 */
@Stateless
public class Accounts {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    PasswordHashes hashes;

    @EJB
    AuditLog audit;

    @Resource
    SessionContext context;

    @Inject
    Lockout lockout;

    @Inject
    AccountGate gate;

    @Inject
    AddressLimits limits;

    /**
     * The first factor. Refusals are audited with their precise reason ({@code UNKNOWN_USER},
     * {@code BAD_PASSWORD}, ...) and thrown; the caller shows one message for all of them. While the
     * username's password step waits after too many wrong passwords ({@code Lockout}), every
     * password is refused unchecked as {@code RATE_LIMITED}, an account's or not.
     *
     * <p>Outside any transaction: the hash, the one expensive step of a login, holds no database
     * connection and no lock while it runs. The counts are written in short transactions after.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public SignedIn checkPassword(LoginAttempt attempt, char[] password) {
        try {
            limits.take(AddressLimits.Kind.PASSWORD, attempt.client() == null ? null : attempt.client().address());
        } catch (RateLimitedException e) {
            if (e.firstOfStreak()) {
                refused(attempt, null, e, "client address; further refusals of it until the limit lets one through are not written");
            }
            throw e;
        }
        String key;
        try {
            key = Usernames.key(attempt.typedUsername());
        } catch (BadUsernameException e) {
            inTurn(attempt, null, () -> hashes.burnVerification(password));
            throw refused(attempt, null, e, null);
        }
        Account account = findByKey(key).orElse(null);
        Instant wait = account == null ? lockout.unknownUsernameWait(key) : lockout.passwordWait(account);
        if (wait != null) {
            throw refused(attempt, account == null ? null : account.id(), new RateLimitedException(wait), WAITS);
        }
        if (account == null) {
            inTurn(attempt, null, () -> hashes.burnVerification(password));
            Instant waiting = lockout.countUnknownUsername(key);
            throw refused(attempt, null, waiting == null ? new UnknownUserException() : new RateLimitedException(waiting),
                    waiting == null ? null : WAITS);
        }
        long id = account.id();
        boolean right = inTurn(attempt, id, () -> hashes.verify(password, account.passwordHash()));
        if (!right) {
            Instant waiting = inTurn(attempt, id, () -> gate.inTurn(id, () -> self().countWrongPassword(id, attempt)));
            throw refused(attempt, id, waiting == null ? new BadPasswordException() : new RateLimitedException(waiting),
                    waiting == null ? null : WAITS);
        }
        if (!account.isActive()) {
            throw refused(attempt, id, new AccountDisabledException(), null);
        }
        String rehashed = hashes.isOutdated(account.passwordHash()) ? inTurn(attempt, id, () -> hashes.hash(password)) : null;
        // Decided under the row lock: parallel wrong guesses may have started a wait while this one was hashed.
        Instant waiting = inTurn(attempt, id, () -> gate.inTurn(id, () -> self().passwordAccepted(id, rehashed, attempt)));
        if (waiting != null) {
            throw refused(attempt, id, new RateLimitedException(waiting), WAITS);
        }
        return SignedIn.of(account, null, null); // no second factor yet
    }

    /**
     * Counts a wrong password in the account's row and audits the wait it starts at the threshold.
     *
     * @return the end of a wait that was under way already (the answer is then "try again at", as for
     *     every password during it), or null
     */
    public Instant countWrongPassword(long accountId, LoginAttempt attempt) {
        Account account = lock(accountId);
        if (account == null) {
            return null; // deleted meanwhile: the refusal stands as it is
        }
        Instant waiting = lockout.passwordWait(account);
        Instant started = lockout.countWrongPassword(account);
        if (waiting == null && started != null) {
            audit.record(AuditEvent.refused(EventType.PASSWORD_WAIT_STARTED, Reason.RATE_LIMITED, attempt).forAccount(accountId)
                    .by(Method.PASSWORD).detail("until " + started));
        }
        return waiting;
    }

    /**
     * The right password, decided under the row lock: unless a wait started meanwhile, the count of
     * wrong ones is forgotten and an outdated hash replaced.
     *
     * @return the end of a wait under way (the right password is then answered like any other), or null
     */
    public Instant passwordAccepted(long accountId, String rehashed, LoginAttempt attempt) {
        Account account = lock(accountId);
        if (account == null) {
            return null;
        }
        Instant waiting = lockout.passwordWait(account);
        if (waiting != null) {
            return waiting;
        }
        lockout.clearPasswords(account);
        if (rehashed != null) {
            account.changePasswordHash(rehashed);
            audit.record(AuditEvent.succeeded(EventType.PASSWORD_REHASHED, attempt).forAccount(accountId));
        }
        return null;
    }

    private Accounts self() {
        return context.getBusinessObject(Accounts.class);
    }

    /** A step that waits its turn (for a processor to hash, or for the account's row), or a busy refusal, audited. */
    private <T> T inTurn(LoginAttempt attempt, Long accountId, Supplier<T> step) {
        try {
            return step.get();
        } catch (ServiceBusyException e) {
            throw refused(attempt, accountId, e, null);
        }
    }

    private void inTurn(LoginAttempt attempt, Long accountId, Runnable step) {
        inTurn(attempt, accountId, () -> {
            step.run();
            return null;
        });
    }

    private VerificationException refused(LoginAttempt attempt, Long accountId, VerificationException e, String detail) {
        audit.refusal(AuditEvent.refused(EventType.FIRST_FACTOR_FAILED, e.reason(), attempt)
                .forAccount(accountId).by(Method.PASSWORD).detail(detail));
        return e;
    }

    /** The audit detail of a refusal during a username's password wait. */
    private static final String WAITS = "password step waits";

    /** Creates an active account; the password is hashed here and cleared from the array. */
    public Account create(String username, String displayName, String email, char[] password, boolean admin) {
        String key = Usernames.key(username);
        if (findByKey(key).isPresent()) {
            throw new IllegalArgumentException("an account with this username exists");
        }
        Account account = new Account(username.strip(), displayName, email, hashes.hash(password), admin, clock.instant());
        Arrays.fill(password, '\0');
        em.persist(account);
        audit.record(AuditEvent.succeeded(EventType.ACCOUNT_CREATED, LoginAttempt.start(username, null))
                .forAccount(account.id()));
        return account;
    }

    public Optional<Account> findByKey(String usernameKey) {
        return em.createQuery("select a from Account a where a.usernameKey = :key", Account.class)
                .setParameter("key", usernameKey)
                .getResultStream()
                .findFirst();
    }

    public boolean exists() {
        return !em.createQuery("select a.id from Account a", Long.class).setMaxResults(1).getResultList().isEmpty();
    }

    public Account find(long accountId) {
        return em.find(Account.class, accountId);
    }

    /**
     * The account, its row locked for this transaction: what reads and writes its lockout state or
     * its set of factors does so one at a time.
     */
    public Account lock(long accountId) {
        return em.find(Account.class, accountId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Why a session of the account signed in at {@code signedInAt} may not go on, or null if it may:
     * the account is gone or disabled, or its password was changed since (which ends the other
     * sessions). A read, no lock.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public String sessionEnds(long accountId, Instant signedInAt) {
        Account account = find(accountId);
        if (account == null || !account.isActive()) {
            return "account no longer active";
        }
        return account.admitsSessionFrom(signedInAt) ? null : "password changed in another session";
    }

    /** Audits a session TwoStep ended itself, and why ("lifetime over", "account no longer active"). */
    public void sessionEnded(SignedIn who, ClientInfo client, String why) {
        audit.record(AuditEvent.refused(EventType.SESSION_ENDED, Reason.NOT_SIGNED_IN, LoginAttempt.resume(null, who.username(), client))
                .forAccount(who.accountId()).detail(why));
    }

    /** Audits a sign-out. */
    public void signedOut(SignedIn who, ClientInfo client) {
        audit.record(AuditEvent.succeeded(EventType.LOGOUT, LoginAttempt.resume(null, who.username(), client))
                .forAccount(who.accountId()));
    }
}
