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
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.twostep.audit.AuditEvent;
import org.twostep.audit.AuditLog;
import org.twostep.audit.ClientInfo;
import org.twostep.audit.EventType;
import org.twostep.audit.LoginAttempt;
import org.twostep.audit.Method;
import org.twostep.fault.ServiceBusyException;
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

    /**
     * The first factor. Refusals are audited with their precise reason ({@code UNKNOWN_USER},
     * {@code BAD_PASSWORD}, ...) and thrown; the caller shows one message for all of them.
     *
     * <p>Outside any transaction: the hash, the one expensive step of a login, holds no database
     * connection and no lock while it runs. An outdated hash is replaced in a short transaction after.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public SignedIn checkPassword(LoginAttempt attempt, char[] password) {
        Account account;
        try {
            account = findByKey(Usernames.key(attempt.typedUsername())).orElseThrow(UnknownUserException::new);
        } catch (BadUsernameException | UnknownUserException e) {
            checked(attempt, null, () -> hashes.burnVerification(password));
            throw refused(attempt, null, e);
        }
        if (!checked(attempt, account.id(), () -> hashes.verify(password, account.passwordHash()))) {
            throw refused(attempt, account.id(), new BadPasswordException());
        }
        if (!account.isActive()) {
            throw refused(attempt, account.id(), new AccountDisabledException());
        }
        if (hashes.isOutdated(account.passwordHash())) {
            String rehashed = checked(attempt, account.id(), () -> hashes.hash(password));
            context.getBusinessObject(Accounts.class).rehash(account.id(), rehashed, attempt);
        }
        return SignedIn.of(account, null, null); // no second factor yet
    }

    /** Stores a hash made with the configured parameters for a password just verified. */
    public void rehash(long accountId, String passwordHash, LoginAttempt attempt) {
        find(accountId).changePasswordHash(passwordHash);
        audit.record(AuditEvent.succeeded(EventType.PASSWORD_REHASHED, attempt).forAccount(accountId));
    }

    /** A hash, or a busy refusal, audited, when too many wait for the processor already. */
    private <T> T checked(LoginAttempt attempt, Long accountId, Supplier<T> hashing) {
        try {
            return hashing.get();
        } catch (ServiceBusyException e) {
            throw refused(attempt, accountId, e);
        }
    }

    private void checked(LoginAttempt attempt, Long accountId, Runnable hashing) {
        checked(attempt, accountId, () -> {
            hashing.run();
            return null;
        });
    }

    private VerificationException refused(LoginAttempt attempt, Long accountId, VerificationException e) {
        audit.refusal(AuditEvent.refused(EventType.FIRST_FACTOR_FAILED, e.reason(), attempt)
                .forAccount(accountId).by(Method.PASSWORD));
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

    /** Audits a sign-out. */
    public void signedOut(SignedIn who, ClientInfo client) {
        audit.record(AuditEvent.succeeded(EventType.LOGOUT, LoginAttempt.resume(null, who.username(), client))
                .forAccount(who.accountId()));
    }
}
