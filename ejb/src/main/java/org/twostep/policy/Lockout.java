package org.twostep.policy;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.twostep.account.Account;
import org.twostep.config.Settings;

/**
 * The lockouts, the one place that decides them. Two counters per account, kept in its row and
 * changed while the row is locked, so that two nodes count together:
 * <ul>
 * <li><b>Codes</b> (the one guessable second factor): {@code twostep.lockout.threshold} (10) wrong
 *     codes across logins refuse codes for {@code twostep.lockout.duration} (15 minutes), each
 *     further lockout in a row twice as long, up to {@code twostep.lockout.max-duration} (24 hours).
 *     Security keys, passkeys and recovery codes, which cannot be guessed, still sign in: whoever
 *     holds the password cannot lock the owner out. With {@code twostep.lockout.permanent-after}
 *     set (0, off, by default), that many lockouts in a row refuse codes until an administrator
 *     lifts it.</li>
 * <li><b>Passwords</b>: {@code twostep.password.lockout.threshold} (10) wrong passwords make the
 *     password step of that username wait {@code twostep.password.lockout.duration} (1 minute),
 *     doubling up to {@code .max-duration} (15 minutes). During the wait every password is answered
 *     the same, right or wrong, without being checked. Unknown usernames are counted the same way,
 *     in a bounded table in memory, so that the answers do not tell which accounts exist.</li>
 * </ul>
 * The escalation of either is forgotten after {@code twostep.lockout.reset-after} (1 day) without a
 * lockout; a sign-in clears the count of failures (not the escalation, nor a lockout under way).
 *
 * <pre>{@code
 * lockout.checkCodes(account);                   // LockedOutException while codes are refused
 * if (lockout.countWrongCode(account)) { ... }   // this one started a lockout: audit ACCOUNT_LOCKED
 * Instant wait = lockout.passwordWait(account);  // non-null: answer "try again at ..." unchecked
 * }</pre>
 */
@ApplicationScoped
public class Lockout {

    /** Unknown usernames remembered at most; the oldest is forgotten first. */
    static final int UNKNOWN_USERNAMES = 10_000;

    @Inject
    Settings settings;

    @Inject
    Clock clock;

    private Escalation codes;
    private Escalation passwords;

    private final Map<String, Escalation.Count> unknownUsernames = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Escalation.Count> eldest) {
            return size() > UNKNOWN_USERNAMES;
        }
    };

    @PostConstruct
    void configure() {
        codes = settings.codeLockout();
        passwords = settings.passwordLockout();
    }

    /** @throws LockedOutException while the account's codes are refused */
    public void checkCodes(Account account) {
        if (account.isLockedPermanently()) {
            throw new LockedOutException(null);
        }
        if (account.codeCount().isWaiting(clock.instant())) {
            throw new LockedOutException(account.lockedUntil());
        }
    }

    /**
     * Counts a wrong code; at the threshold codes are refused for the next wait, or for good.
     *
     * @return whether this failure started a lockout
     */
    public boolean countWrongCode(Account account) {
        Instant now = clock.instant();
        Escalation.Count before = account.codeCount();
        Escalation.Count after = codes.fail(before, now);
        account.codeCount(after);
        boolean locked = after.isWaiting(now) && !before.isWaiting(now);
        if (locked && settings.lockoutPermanentAfter() > 0 && after.lockouts() >= settings.lockoutPermanentAfter()) {
            account.lockPermanently();
        }
        return locked;
    }

    /** What the lockout just started is, for the audit detail. */
    public String lockoutText(Account account) {
        if (account.isLockedPermanently()) {
            return "codes refused until an administrator lifts it (lockout " + account.codeCount().lockouts() + ")";
        }
        return "codes refused for " + codes.waitOf(account.codeCount().lockouts()) + " (lockout " + account.codeCount().lockouts() + ")";
    }

    /**
     * A second factor was proven: the wrong codes since the last lockout are forgotten. The escalation
     * is not (only a quiet period forgets it), so that the owner's sign-ins between an attacker's
     * lockouts do not start the attacker's waits from the first again; nor a lockout under way.
     */
    public void clearCodes(Account account) {
        Escalation.Count count = account.codeCount();
        if (!count.isWaiting(clock.instant()) && count.failures() > 0) {
            account.codeCount(new Escalation.Count(0, count.lockouts(), count.until()));
        }
    }

    /** Until when the account's password step waits; null when it does not. */
    public Instant passwordWait(Account account) {
        return waitOf(account.passwordCount());
    }

    /** Counts a wrong password; returns the end of the wait this one started, or null. */
    public Instant countWrongPassword(Account account) {
        Escalation.Count after = passwords.fail(account.passwordCount(), clock.instant());
        account.passwordCount(after);
        return waitOf(after);
    }

    /** The right password: the count of wrong ones is forgotten (no wait can be under way: it is not checked then). */
    public void clearPasswords(Account account) {
        if (!account.passwordCount().equals(Escalation.Count.NONE)) {
            account.passwordCount(Escalation.Count.NONE);
        }
    }

    /** Until when the password step of a username no account has waits; null when it does not. */
    public synchronized Instant unknownUsernameWait(String usernameKey) {
        return waitOf(unknownUsernames.getOrDefault(usernameKey, Escalation.Count.NONE));
    }

    /**
     * Counts a password for a username no account has, exactly as for an account.
     *
     * @return the end of a wait that was under way already, or null (as {@code Accounts.countWrongPassword})
     */
    public synchronized Instant countUnknownUsername(String usernameKey) {
        Escalation.Count before = unknownUsernames.getOrDefault(usernameKey, Escalation.Count.NONE);
        unknownUsernames.put(usernameKey, passwords.fail(before, clock.instant()));
        return waitOf(before);
    }

    private Instant waitOf(Escalation.Count count) {
        return count.isWaiting(clock.instant()) ? count.until() : null;
    }
}
