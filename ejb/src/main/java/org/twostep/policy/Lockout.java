package org.twostep.policy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import org.twostep.account.Account;
import org.twostep.config.Settings;

/**
 * The account lockout, the one place that decides it: {@code twostep.lockout.threshold} (10) wrong
 * second factors of one account, across logins, lock it for {@code twostep.lockout.duration}
 * (15 minutes), so that a known password does not buy unlimited guesses. A successful second
 * factor clears the count. Time is the injected {@link Clock}'s.
 *
 * <p>The caller holds the account row locked (see {@code Accounts.lock}), so parallel failures are
 * each counted.
 *
 * <pre>{@code
 * lockout.check(account);                    // LockedOutException while it is locked
 * if (lockout.countFailure(account)) { ... } // this failure locked it: audit ACCOUNT_LOCKED
 * lockout.clear(account);                    // signed in
 * }</pre>
 */
@ApplicationScoped
public class Lockout {

    @Inject
    Settings settings;

    @Inject
    Clock clock;

    /** Whether the account is locked now. */
    public boolean isLocked(Account account) {
        Instant until = account.lockedUntil();
        return until != null && clock.instant().isBefore(until);
    }

    /** @throws LockedOutException while the account is locked */
    public void check(Account account) {
        if (isLocked(account)) {
            throw new LockedOutException();
        }
    }

    /**
     * Counts a wrong second factor; at the threshold the account locks and the count starts again.
     *
     * @return whether this failure locked the account
     */
    public boolean countFailure(Account account) {
        int failures = account.failedSecondFactors() + 1;
        if (failures < settings.lockoutThreshold()) {
            account.lockState(failures, account.lockedUntil());
            return false;
        }
        account.lockState(0, clock.instant().plus(settings.lockoutDuration()));
        return true;
    }

    /** A proven second factor forgets earlier failures. */
    public void clear(Account account) {
        account.lockState(0, null);
    }

    /** How long a lockout lasts, for the audit detail. */
    public String durationText() {
        return "for " + settings.lockoutDuration();
    }
}
