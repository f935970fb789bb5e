package org.twostep.challenge;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.function.Supplier;
import org.twostep.account.SignedIn;
import org.twostep.audit.AuditEvent;
import org.twostep.audit.AuditLog;
import org.twostep.audit.ClientInfo;
import org.twostep.audit.EventType;
import org.twostep.audit.LoginAttempt;
import org.twostep.audit.Method;
import org.twostep.fault.AccountGate;
import org.twostep.fault.ServiceBusyException;
import org.twostep.refusal.Reason;
import org.twostep.webauthn.RelyingParty;
import org.twostep.webauthn.WebAuthnOptions;

/**
 * Every proof of a second factor, in one place: against a pending challenge (a login's second step,
 * the first app's enrollment, a step-up), and a passkey, which proves both factors at once. Each
 * refusal is audited with its precise reason; a refused proof against a challenge is also counted by
 * the {@code Lockout} policy (a refused passkey is not: a credential id is no secret, and counting
 * would let anyone lock an account); each success consumes the challenge and clears the count.
 *
 * <p>The proofs of one account take turns ({@link AccountGate}) and each runs in a short
 * transaction of its own ({@link Proofs}); none runs here. So a crowd of submissions gets exact
 * answers (one sign-in, the rest refused as replayed, or each wrong code counted), and a proof that
 * cannot be done now, because it waited too long or the database failed, is audited
 * {@code SERVICE_BUSY} and answered "try again" with nothing of it kept.
 *
 * <p>A proof names what it is for ({@link Proving}): a login's second step, or a signed-in caller's
 * step-up, bound to their account; the challenge must serve exactly that.
 *
 * <pre>{@code
 * SignedIn who = verifications.totp(Proving.login(challengeId), "123456", client);   // or a VerificationException
 * SignedIn who = verifications.passkey(ceremonyId, json, rp, client);
 * }</pre>
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Verifications {

    @Inject
    EntityManager em;

    @Inject
    AccountGate gate;

    @EJB
    Proofs proofs;

    @EJB
    AuditLog audit;

    /** A code from one of the account's authenticator apps. */
    public SignedIn totp(Proving proving, String code, ClientInfo client) {
        return inTurn(proving.challengeId(), client, Method.TOTP, () -> proofs.totp(proving, code, client));
    }

    /** Starts proving a security key: a fresh WebAuthn challenge tied to this pending challenge. */
    public WebAuthnOptions.Request webAuthnOptions(Proving proving, ClientInfo client) {
        return inTurn(proving.challengeId(), client, Method.WEBAUTHN, () -> proofs.webAuthnOptions(proving, client));
    }

    /** An assertion from one of the account's security keys or passkeys, after the password. */
    public SignedIn webAuthn(Proving proving, String ceremonyId, String json, RelyingParty rp, ClientInfo client) {
        return inTurn(proving.challengeId(), client, Method.WEBAUTHN, () -> proofs.webAuthn(proving, ceremonyId, json, rp, client));
    }

    /** One of the account's recovery codes, spent by this use. */
    public SignedIn recoveryCode(Proving proving, String code, ClientInfo client) {
        return inTurn(proving.challengeId(), client, Method.RECOVERY_CODE, () -> proofs.recoveryCode(proving, code, client));
    }

    /** The first code of the first authenticator app: it confirms the enrollment and is this login's second factor. */
    public SignedIn enrollment(String challengeId, String code, ClientInfo client) {
        return inTurn(challengeId, client, Method.TOTP, () -> proofs.enrollment(challengeId, code, client));
    }

    /**
     * A passkey on its own: possession of the key plus the PIN or biometric behind it, so both
     * factors. The answers to one ceremony take turns: it is spent by the first.
     */
    public SignedIn passkey(String ceremonyId, String json, RelyingParty rp, ClientInfo client) {
        try {
            return gate.inTurn("passkey " + ceremonyId, () -> proofs.passkey(ceremonyId, json, rp, client));
        } catch (ServiceBusyException e) {
            auditBusy(AuditEvent.refused(EventType.FIRST_FACTOR_FAILED, Reason.SERVICE_BUSY, LoginAttempt.start(null, client))
                    .by(Method.PASSKEY));
            throw e;
        }
    }

    /** Runs a proof against a challenge in its account's turn; a busy answer is audited for the challenge's login. */
    private <T> T inTurn(String challengeId, ClientInfo client, Method method, Supplier<T> proof) {
        PendingChallenge challenge = challengeId == null ? null : em.find(PendingChallenge.class, challengeId);
        if (challenge == null) {
            return proof.get(); // refused there, audited as no pending challenge
        }
        try {
            return gate.inTurn(challenge.accountId(), proof);
        } catch (ServiceBusyException e) {
            auditBusy(AuditEvent.refused(EventType.SECOND_FACTOR_FAILED, Reason.SERVICE_BUSY,
                    LiveChallenges.attemptOf(challenge, client)).forAccount(challenge.accountId()).by(method));
            throw e;
        }
    }

    /** Audits a busy answer; when the database itself is what failed, the fault's log line is all there is. */
    private void auditBusy(AuditEvent event) {
        try {
            audit.refusal(event);
        } catch (ServiceBusyException stillDown) {
            // DatabaseFaults has logged it; the user is answered busy all the same
        }
    }
}
