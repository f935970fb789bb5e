package org.twostep.factors;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.twostep.account.Account;
import org.twostep.account.Accounts;
import org.twostep.account.SignedIn;
import org.twostep.audit.AuditEvent;
import org.twostep.audit.AuditLog;
import org.twostep.audit.ClientInfo;
import org.twostep.audit.EventType;
import org.twostep.audit.LoginAttempt;
import org.twostep.audit.Method;
import org.twostep.policy.StepUpWindow;
import org.twostep.recovery.RecoveryCodeSets;
import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;
import org.twostep.trust.TrustedBrowsers;
import org.twostep.totp.TotpAuthenticator;
import org.twostep.totp.TotpAuthenticators;
import org.twostep.totp.TotpEnrollment;
import org.twostep.webauthn.WebAuthnKeys;

/**
 * An account's second factors taken together, above the features that store them: what the account
 * has (the overview, the methods a login can offer), and self-service on them (add another app,
 * rename or remove an app or a key). Every change is audited. Adding and removing need a second
 * factor proven within the step-up window ({@link StepUpWindow}: refused here, not only in a page);
 * removing the last factor is refused, since the policy requires two factors.
 *
 * <pre>{@code
 * factors.remove(who, FactorKind.TOTP, 12, client);   // or a VerificationException
 * boolean enrolled = factors.hasAny(accountId);
 * }</pre>
 */
@Stateless
public class SecondFactors {

    @EJB
    TotpAuthenticators totp;

    @EJB
    WebAuthnKeys keys;

    @EJB
    RecoveryCodeSets recoveryCodes;

    @EJB
    Accounts accounts;

    @EJB
    AuditLog audit;

    @Inject
    StepUpWindow stepUp;

    @EJB
    TrustedBrowsers trustedBrowsers;

    @Inject
    EntityManager em;

    /** Whether the account has a second factor it can sign in with (an app or a key). */
    public boolean hasAny(long accountId) {
        return totp.hasActive(accountId) || keys.hasAny(accountId);
    }

    /**
     * What the challenge page offers the account, and which method it used last: one query, made
     * when the challenge opens (the page itself reads the session).
     */
    public SecondFactorOptions options(long accountId) {
        List<Object[]> found = em.createQuery("select a.lastSecondFactor,"
                        + " (select count(t) from TotpAuthenticator t where t.accountId = a.id and t.status = :active),"
                        + " (select count(k) from WebAuthnCredential k where k.accountId = a.id),"
                        + " (select count(r) from RecoveryCode r where r.accountId = a.id and r.usedAt is null)"
                        + " from Account a where a.id = :account", Object[].class)
                .setParameter("active", TotpAuthenticator.Status.ACTIVE)
                .setParameter("account", accountId)
                .getResultList();
        if (found.isEmpty()) {
            return SecondFactorOptions.NONE;
        }
        Object[] row = found.get(0);
        Method last = (Method) row[0];
        return new SecondFactorOptions(((Number) row[1]).longValue() > 0, ((Number) row[2]).longValue() > 0,
                ((Number) row[3]).longValue() > 0, last == null ? Method.TOTP : last);
    }

    /** What the signed-in pages show of an account. */
    public AccountOverview overview(long accountId) {
        Account account = accounts.find(accountId);
        return new AccountOverview(account.username(), account.displayName(), account.email(),
                account.groups().contains(Account.ADMIN_GROUP), totp.list(accountId), keys.list(accountId),
                recoveryCodes.remaining(accountId), account.webAuthnUserHandle());
    }

    /** Starts enrolling another authenticator app for a signed-in account. */
    public TotpEnrollment beginTotp(SignedIn who, ClientInfo client) {
        stepUp.require(who, EventType.FACTOR_REFUSED, Method.TOTP, client);
        return totp.begin(who.accountId(), who.username());
    }

    /** Shows the pending enrollment again (a page reload, a wrong code). */
    public TotpEnrollment showTotp(SignedIn who, long enrollmentId, ClientInfo client) {
        stepUp.require(who, EventType.FACTOR_REFUSED, Method.TOTP, client);
        return totp.show(who.accountId(), enrollmentId, who.username());
    }

    /** Activates the pending app with its first code. */
    public void confirmTotp(SignedIn who, long enrollmentId, String code, ClientInfo client) {
        stepUp.require(who, EventType.FACTOR_REFUSED, Method.TOTP, client);
        try {
            totp.confirm(who.accountId(), enrollmentId, code);
        } catch (VerificationException e) {
            audit.refusal(AuditEvent.refused(EventType.FACTOR_REFUSED, e.reason(), attempt(who, client))
                    .forAccount(who.accountId()).by(Method.TOTP));
            throw e;
        }
        audit.record(AuditEvent.succeeded(EventType.FACTOR_ADDED, attempt(who, client)).forAccount(who.accountId()).by(Method.TOTP));
    }

    public void rename(SignedIn who, FactorKind kind, long id, String nickname, ClientInfo client) {
        String name = nickname == null ? "" : nickname.strip();
        if (name.isEmpty() || name.length() > 64) {
            throw refused(EventType.FACTOR_RENAMED, Reason.FACTOR_NAME_INVALID, kind, who, client);
        }
        int renamed = em.createQuery("update " + kind.entity + " f set f.nickname = :nickname"
                        + " where f.id = :id and f.accountId = :account" + kind.inUse)
                .setParameter("nickname", name)
                .setParameter("id", id)
                .setParameter("account", who.accountId())
                .executeUpdate();
        if (renamed != 1) {
            throw refused(EventType.FACTOR_RENAMED, Reason.FACTOR_NOT_FOUND, kind, who, client);
        }
        audit.record(AuditEvent.succeeded(EventType.FACTOR_RENAMED, attempt(who, client)).forAccount(who.accountId())
                .by(kind.method).detail(name));
    }

    /** Removes a factor, unless it is the account's last one. */
    public void remove(SignedIn who, FactorKind kind, long id, ClientInfo client) {
        stepUp.require(who, EventType.FACTOR_REMOVED, kind.method, client);
        // Removals of one account's factors take turns: two at once must not both see "two left".
        accounts.lock(who.accountId());
        if (totp.countActive(who.accountId()) + keys.count(who.accountId()) <= 1) {
            throw refused(EventType.FACTOR_REMOVED, Reason.FACTOR_REMOVAL_REFUSED, kind, who, client);
        }
        int removed = em.createQuery("delete from " + kind.entity + " f where f.id = :id and f.accountId = :account")
                .setParameter("id", id)
                .setParameter("account", who.accountId())
                .executeUpdate();
        if (removed != 1) {
            throw refused(EventType.FACTOR_REMOVED, Reason.FACTOR_NOT_FOUND, kind, who, client);
        }
        audit.record(AuditEvent.succeeded(EventType.FACTOR_REMOVED, attempt(who, client)).forAccount(who.accountId()).by(kind.method));
        // A lost phone is the usual reason: no browser keeps skipping the second step on its strength.
        trustedBrowsers.revokeAll(who.accountId(), "a second factor was removed", attempt(who, client));
    }

    /** Audits a refused change, in a transaction of its own, and returns the exception to throw. */
    private FactorChangeRefusedException refused(EventType type, Reason reason, FactorKind kind, SignedIn who,
                                                 ClientInfo client) {
        audit.refusal(AuditEvent.refused(type, reason, attempt(who, client)).forAccount(who.accountId()).by(kind.method));
        return new FactorChangeRefusedException(reason);
    }

    private static LoginAttempt attempt(SignedIn who, ClientInfo client) {
        return LoginAttempt.resume(null, who.username(), client);
    }
}
