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
            throw refused(attempt, null, e, "client address");
        }
        String key;
        try {
            key = Usernames.key(attempt.typedUsername());
        } catch (BadUsernameException e) {
            checked(attempt, null, () -> hashes.burnVerification(password));
            throw refused(attempt, null, e, null);
        }
        Account account = findByKey(key).orElse(null);
        Instant wait = account == null ? lockout.unknownUsernameWait(key) : lockout.passwordWait(account);
        if (wait != null) {
            throw refused(attempt, account == null ? null : account.id(), new RateLimitedException(wait), "password step waits");
        }
        if (account == null) {
            checked(attempt, null, () -> hashes.burnVerification(password));
            lockout.countUnknownUsername(key);
            throw refused(attempt, null, new UnknownUserException(), null);
        }
        if (!checked(attempt, account.id(), () -> hashes.verify(password, account.passwordHash()))) {
            checked(attempt, account.id(), () -> gate.inTurn(account.id(), () -> self().countWrongPassword(account.id(), attempt)));
            throw refused(attempt, account.id(), new BadPasswordException(), null);
        }
        if (!account.isActive()) {
            throw refused(attempt, account.id(), new AccountDisabledException(), null);
        }
        String rehashed = hashes.isOutdated(account.passwordHash())
                ? checked(attempt, account.id(), () -> hashes.hash(password))
                : null;
        if (rehashed != null || !account.passwordCount().equals(Escalation.Count.NONE)) {
            checked(attempt, account.id(), () -> gate.inTurn(account.id(), () -> self().passwordAccepted(account.id(), rehashed, attempt)));
        }
        return SignedIn.of(account, null, null); // no second factor yet
    }

    /** Counts a wrong password in the account's row; audits the wait it starts at the threshold. */
    public Void countWrongPassword(long accountId, LoginAttempt attempt) {
        Account account = lock(accountId);
        Instant until = lockout.countWrongPassword(account);
        if (until != null) {
            audit.record(AuditEvent.refused(EventType.ACCOUNT_LOCKED, Reason.RATE_LIMITED, attempt).forAccount(accountId)
                    .by(Method.PASSWORD).detail("password step waits until " + until));
        }
        return null;
    }

    /** The right password: the count of wrong ones is forgotten, and an outdated hash replaced. */
    public Void passwordAccepted(long accountId, String rehashed, LoginAttempt attempt) {
        Account account = lock(accountId);
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

    /** A hash or a count, or a busy refusal, audited, when too many wait for the processor or the account already. */
    private <T> T checked(LoginAttempt attempt, Long accountId, Supplier<T> hashing) {
        try {
            return hashing.get();
        } catch (ServiceBusyException e) {
            throw refused(attempt, accountId, e, null);
        }
    }

    private void checked(LoginAttempt attempt, Long accountId, Runnable hashing) {
        checked(attempt, accountId, () -> {
            hashing.run();
            return null;
        });
    }

    private VerificationException refused(LoginAttempt attempt, Long accountId, VerificationException e, String detail) {
        audit.refusal(AuditEvent.refused(EventType.FIRST_FACTOR_FAILED, e.reason(), attempt)
                .forAccount(accountId).by(Method.PASSWORD).detail(detail));
        return e;
    }

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

    /** Whether the account may still be signed in: it exists and is active. A read of its row, no lock. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean isActive(long accountId) {
        Account account = find(accountId);
        return account != null && account.isActive();
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
