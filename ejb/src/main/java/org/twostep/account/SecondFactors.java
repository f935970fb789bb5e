package org.twostep.account;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.twostep.audit.AuditEvent;
import org.twostep.audit.AuditLog;
import org.twostep.audit.ClientInfo;
import org.twostep.audit.EventType;
import org.twostep.audit.LoginAttempt;
import org.twostep.audit.Method;
import org.twostep.audit.Reason;
import org.twostep.challenge.VerificationException;
import org.twostep.totp.TotpAuthenticators;
import org.twostep.totp.TotpEnrollment;
import org.twostep.webauthn.WebAuthnKeys;

/**
 * Self-service on a signed-in account's second factors: add another authenticator app, rename or
 * remove an app or a key. Every change is audited. Removing the last factor is refused: the policy
 * requires two factors. (Step-up before a removal is the caller's check, see the web tier's StepUp.)
 *
 * <pre>{@code
 * factors.remove(who, SecondFactors.Kind.TOTP, 12, client);
 * }</pre>
 */
@Stateless
public class SecondFactors {

    /** The kinds of second factor a row on the security page can be. */
    public enum Kind {
        TOTP(Method.TOTP),
        WEBAUTHN(Method.WEBAUTHN);

        private final Method method;

        Kind(Method method) {
            this.method = method;
        }
    }

    @EJB
    TotpAuthenticators totp;

    @EJB
    WebAuthnKeys keys;

    @EJB
    AuditLog audit;

    @Inject
    EntityManager em;

    /** Starts enrolling another authenticator app for a signed-in account. */
    public TotpEnrollment beginTotp(SignedIn who) {
        return totp.begin(who.accountId(), who.username());
    }

    /** Shows the pending enrollment again (a page reload, a wrong code). */
    public TotpEnrollment showTotp(SignedIn who, long enrollmentId) {
        return totp.show(who.accountId(), enrollmentId, who.username());
    }

    /** Activates the pending app with its first code. */
    public void confirmTotp(SignedIn who, long enrollmentId, String code, ClientInfo client) {
        try {
            totp.confirm(who.accountId(), enrollmentId, code);
        } catch (VerificationException e) {
            audit.refusal(AuditEvent.refused(EventType.FACTOR_REFUSED, e.reason(), attempt(who, client))
                    .forAccount(who.accountId()).by(Method.TOTP));
            throw e;
        }
        audit.record(AuditEvent.succeeded(EventType.FACTOR_ADDED, attempt(who, client)).forAccount(who.accountId()).by(Method.TOTP));
    }

    public void rename(SignedIn who, Kind kind, long id, String nickname, ClientInfo client) {
        String name = nickname == null ? "" : nickname.strip();
        if (name.isEmpty() || name.length() > 64) {
            throw refused(EventType.FACTOR_RENAMED, Reason.FACTOR_NAME_INVALID, kind, who, client);
        }
        boolean renamed = kind == Kind.TOTP ? totp.rename(who.accountId(), id, name) : keys.rename(who.accountId(), id, name);
        if (!renamed) {
            throw refused(EventType.FACTOR_RENAMED, Reason.FACTOR_NOT_FOUND, kind, who, client);
        }
        audit.record(AuditEvent.succeeded(EventType.FACTOR_RENAMED, attempt(who, client)).forAccount(who.accountId())
                .by(kind.method).detail(name));
    }

    /** Removes a factor, unless it is the account's last one. */
    public void remove(SignedIn who, Kind kind, long id, ClientInfo client) {
        // Removals of one account's factors take turns: two at once must not both see "two left".
        em.find(Account.class, who.accountId(), LockModeType.PESSIMISTIC_WRITE);
        if (totp.countActive(who.accountId()) + keys.count(who.accountId()) <= 1) {
            throw refused(EventType.FACTOR_REMOVED, Reason.FACTOR_REMOVAL_REFUSED, kind, who, client);
        }
        boolean removed = kind == Kind.TOTP ? totp.remove(who.accountId(), id) : keys.remove(who.accountId(), id);
        if (!removed) {
            throw refused(EventType.FACTOR_REMOVED, Reason.FACTOR_NOT_FOUND, kind, who, client);
        }
        audit.record(AuditEvent.succeeded(EventType.FACTOR_REMOVED, attempt(who, client)).forAccount(who.accountId()).by(kind.method));
    }

    /** Audits a refused change, in a transaction of its own, and returns the exception to throw. */
    private FactorChangeRefusedException refused(EventType type, Reason reason, Kind kind, SignedIn who, ClientInfo client) {
        audit.refusal(AuditEvent.refused(type, reason, attempt(who, client)).forAccount(who.accountId()).by(kind.method));
        return new FactorChangeRefusedException(reason);
    }

    private static LoginAttempt attempt(SignedIn who, ClientInfo client) {
        return LoginAttempt.resume(null, who.username(), client);
    }
}
