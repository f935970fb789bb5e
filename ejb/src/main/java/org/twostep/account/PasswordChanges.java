package org.twostep.account;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import org.twostep.audit.AuditEvent;
import org.twostep.audit.AuditLog;
import org.twostep.audit.ClientInfo;
import org.twostep.audit.EventType;
import org.twostep.audit.LoginAttempt;
import org.twostep.audit.Method;
import org.twostep.fault.AccountGate;
import org.twostep.oidc.Authorizations;
import org.twostep.policy.Lockout;
import org.twostep.policy.RateLimitedException;
import org.twostep.policy.StepUpWindow;
import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;
import org.twostep.trust.TrustedBrowsers;

/**
 * A signed-in caller changes their password: with a second factor proven within the step-up window,
 * the current password, and a new one that {@link PasswordRules} accepts, typed twice. The new one is
 * hashed with the configured algorithm; every other session of the account ends (at its next
 * request that looks at the account: within {@code twostep.session.recheck}), with the applications'
 * grants made in them, and every trusted browser is revoked. Audited {@code PASSWORD_CHANGED}, or
 * {@code PASSWORD_CHANGE_REFUSED} with the reason. A wrong current password counts as a wrong
 * password at sign-in does, so this form is no way around the password step's waits.
 *
 * <p>Outside a transaction, as the password step: the two hashes hold no connection and no lock.
 *
 * <pre>{@code
 * passwordChanges.change(signedIn, current, next, repeated, client);   // or a VerificationException
 * }</pre>
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PasswordChanges {

    @Inject
    StepUpWindow stepUp;

    @Inject
    PasswordHashes hashes;

    @Inject
    Lockout lockout;

    @Inject
    AccountGate gate;

    @Inject
    Clock clock;

    @EJB
    Accounts accounts;

    @EJB
    AuditLog audit;

    @EJB
    TrustedBrowsers trustedBrowsers;

    @EJB
    Authorizations authorizations;

    @Resource
    SessionContext context;

    /**
     * Changes the caller's password; the arrays are cleared.
     *
     * @return when the change took effect: the caller's own session counts as signed in from then
     * @throws VerificationException {@code STEP_UP_REQUIRED}, {@code PASSWORD_REPEAT_MISMATCH},
     *     {@code PASSWORD_LENGTH}, {@code PASSWORD_COMMON}, {@code RATE_LIMITED}, {@code PASSWORD_WRONG}
     */
    public Instant change(SignedIn who, char[] current, char[] next, char[] repeated, ClientInfo client) {
        LoginAttempt attempt = LoginAttempt.resume(null, who.username(), client);
        try {
            stepUp.require(who, EventType.PASSWORD_CHANGE_REFUSED, Method.PASSWORD, client);
            Reason broken = PasswordRules.check(next, repeated, who.username());
            if (broken != null) {
                throw refused(attempt, who, new PasswordRefusedException(broken));
            }
            long id = who.accountId();
            Account account = accounts.find(id);
            Instant wait = lockout.passwordWait(account);
            if (wait != null) {
                throw refused(attempt, who, new RateLimitedException(wait));
            }
            if (!hashes.verify(current, account.passwordHash())) {
                Instant waiting = gate.inTurn(id, () -> accounts.countWrongPassword(id, attempt));
                throw refused(attempt, who, waiting == null ? new PasswordRefusedException(Reason.PASSWORD_WRONG)
                        : new RateLimitedException(waiting));
            }
            String hash = hashes.hash(next);
            return gate.inTurn(id, () -> self().store(who, hash, attempt));
        } finally {
            clear(current);
            clear(next);
            clear(repeated);
        }
    }

    /** The new hash, stored with what follows from it, in one transaction. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Instant store(SignedIn who, String hash, LoginAttempt attempt) {
        Instant now = clock.instant();
        Account account = accounts.lock(who.accountId());
        account.changePassword(hash, now);
        lockout.clearPasswords(account);
        audit.record(AuditEvent.succeeded(EventType.PASSWORD_CHANGED, attempt).forAccount(account.id()).by(Method.PASSWORD));
        trustedBrowsers.revokeAll(account.id(), "the password was changed", attempt);
        authorizations.otherSessionsEnded(account.id(), who.sessionId());
        return now;
    }

    private VerificationException refused(LoginAttempt attempt, SignedIn who, VerificationException e) {
        audit.refusal(AuditEvent.refused(EventType.PASSWORD_CHANGE_REFUSED, e.reason(), attempt).forAccount(who.accountId())
                .by(Method.PASSWORD));
        return e;
    }

    private PasswordChanges self() {
        return context.getBusinessObject(PasswordChanges.class);
    }

    private static void clear(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }
}
