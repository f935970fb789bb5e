package org.twostep.challenge;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import org.twostep.account.Account;
import org.twostep.account.AccountDisabledException;
import org.twostep.account.Accounts;
import org.twostep.account.SignedIn;
import org.twostep.audit.AuditEvent;
import org.twostep.audit.AuditLog;
import org.twostep.audit.ClientInfo;
import org.twostep.audit.EventType;
import org.twostep.audit.LoginAttempt;
import org.twostep.audit.Method;
import org.twostep.config.Settings;
import org.twostep.factors.SecondFactors;
import org.twostep.policy.LockedOutException;
import org.twostep.policy.Lockout;
import org.twostep.recovery.RecoveryCodeSets;
import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;
import org.twostep.totp.ClockSkewSuspectedException;
import org.twostep.totp.EnrollmentNotPendingException;
import org.twostep.totp.TotpAuthenticators;
import org.twostep.webauthn.RelyingParty;
import org.twostep.webauthn.WebAuthnAssertions;
import org.twostep.webauthn.WebAuthnOptions;

/**
 * The transactional work of each proof, called by {@link Verifications} (and only there), which
 * queues the proofs of one account and answers busy when they cannot be done. Each proof locks the
 * challenge, then the account, so concurrent submits are counted one after the other; a refused
 * proof commits what it counted.
 */
@Stateless
public class Proofs {

    /** The challenges a code can be proven against: a login's second step, or a step-up that takes any factor. */
    private static final Set<PendingChallenge.Purpose> PROVING =
            EnumSet.of(PendingChallenge.Purpose.SECOND_FACTOR, PendingChallenge.Purpose.STEP_UP);

    /** A security key proves those, and a step-up that takes only a key. */
    private static final Set<PendingChallenge.Purpose> PROVING_WITH_A_KEY = EnumSet.of(PendingChallenge.Purpose.SECOND_FACTOR,
            PendingChallenge.Purpose.STEP_UP, PendingChallenge.Purpose.STEP_UP_KEY);

    /** Input that cannot be a proof at all: refused and audited, counted nowhere. */
    private static final Set<Reason> MALFORMED =
            EnumSet.of(Reason.MALFORMED_CODE, Reason.MALFORMED_RECOVERY_CODE, Reason.WEBAUTHN_MALFORMED);

    @Inject
    Clock clock;

    @Inject
    Settings settings;

    @Inject
    Lockout lockout;

    @Inject
    LiveChallenges live;

    @EJB
    Accounts accounts;

    @EJB
    TotpAuthenticators totp;

    @EJB
    RecoveryCodeSets recoveryCodes;

    @EJB
    WebAuthnAssertions webAuthn;

    @EJB
    AuditLog audit;

    @EJB
    SecondFactors factors;

    /** A code from one of the account's authenticator apps. */
    public SignedIn totp(Proving proving, String code, ClientInfo client) {
        PendingChallenge challenge = live.take(proving, PROVING, client);
        refuseCodesWhileLocked(challenge, client);
        long clockOffset = proven(challenge, Method.TOTP, client, () -> totp.verify(challenge.accountId(), code));
        // The help desk's answer to "my codes stopped working": how far the app's clock was off (RFC 6238 §6).
        return signIn(challenge, Method.TOTP, client, clockOffset == 0 ? null : "clock offset " + clockOffset + " s");
    }

    /** Starts proving a security key: a fresh WebAuthn challenge tied to this pending challenge. */
    public WebAuthnOptions.Request webAuthnOptions(Proving proving, ClientInfo client) {
        PendingChallenge challenge = live.take(proving, PROVING_WITH_A_KEY, client);
        return webAuthn.secondFactorOptions(challenge.accountId(), challenge.id());
    }

    /** An assertion from one of the account's security keys or passkeys, after the password. */
    public SignedIn webAuthn(Proving proving, String ceremonyId, String json, RelyingParty rp, ClientInfo client) {
        PendingChallenge challenge = live.take(proving, PROVING_WITH_A_KEY, client);
        prove(challenge, Method.WEBAUTHN, client,
                () -> webAuthn.verifySecondFactor(challenge.accountId(), challenge.id(), ceremonyId, json, rp));
        return signIn(challenge, Method.WEBAUTHN, client, null);
    }

    /** One of the account's recovery codes, spent by this use. */
    public SignedIn recoveryCode(Proving proving, String code, ClientInfo client) {
        PendingChallenge challenge = live.take(proving, PROVING, client);
        prove(challenge, Method.RECOVERY_CODE, client, () -> recoveryCodes.use(challenge.accountId(), code));
        audit.record(AuditEvent.succeeded(EventType.RECOVERY_CODE_USED, LiveChallenges.attemptOf(challenge, client))
                .forAccount(challenge.accountId()).by(Method.RECOVERY_CODE)
                .detail(recoveryCodes.remaining(challenge.accountId()) + " left"));
        return signIn(challenge, Method.RECOVERY_CODE, client, null);
    }

    /**
     * The first code of the first authenticator app: it confirms the enrollment and is this login's
     * second factor. Refused once the account has a factor (its owner enrolled one meanwhile, in
     * another login): a login opened without a factor cannot add one after that.
     */
    public SignedIn enrollment(String challengeId, String code, ClientInfo client) {
        PendingChallenge challenge = live.take(challengeId, EnumSet.of(PendingChallenge.Purpose.ENROLLMENT), client);
        prove(challenge, Method.TOTP, client, () -> {
            // The account is locked by take(): two logins' confirmations are checked one after the other.
            if (challenge.enrollmentId() == null || factors.hasAny(challenge.accountId())) {
                throw new EnrollmentNotPendingException();
            }
            totp.confirm(challenge.accountId(), challenge.enrollmentId(), code);
        });
        audit.record(AuditEvent.succeeded(EventType.FACTOR_ADDED, LiveChallenges.attemptOf(challenge, client))
                .forAccount(challenge.accountId()).by(Method.TOTP));
        return signIn(challenge, Method.TOTP, client, "enrollment");
    }

    /**
     * A passkey on its own: possession of the key plus the PIN or biometric behind it, so both factors.
     * Without user verification it is refused. Audited as {@code LOGIN_OK} with method {@code PASSKEY}.
     * The second-factor lockout neither stops it nor is lifted by it: the lockout guards guesses at a
     * second factor after the password, which a passkey involves neither; so whoever holds the
     * password and locked the account cannot keep its owner out, and gets no fresh guesses either.
     */
    public SignedIn passkey(String ceremonyId, String json, RelyingParty rp, ClientInfo client) {
        LoginAttempt attempt = LoginAttempt.start(null, client);
        Long accountId = null;
        try {
            WebAuthnAssertions.PasskeyAssertion passkey = webAuthn.readPasskey(ceremonyId, json);
            accountId = passkey.accountId();
            // Locked before the key's counter moves: the same order as a second step (account, then factor).
            Account account = accounts.lock(accountId);
            attempt = LoginAttempt.resume(attempt.correlationId(), account.username(), client);
            if (!account.isActive()) {
                throw new AccountDisabledException();
            }
            webAuthn.verifyPasskey(passkey, account, rp);
            audit.record(AuditEvent.succeeded(EventType.LOGIN_OK, attempt).forAccount(accountId).by(Method.PASSKEY));
            return SignedIn.of(account, clock.instant(), Method.PASSKEY);
        } catch (VerificationException e) {
            audit.refusal(AuditEvent.refused(EventType.FIRST_FACTOR_FAILED, e.reason(), attempt).forAccount(accountId)
                    .by(Method.PASSKEY));
            throw e;
        }
    }

    /**
     * During a lockout of codes a code is refused unchecked: it is no guess, counts nowhere, and a
     * new password step buys none. Keys and recovery codes, which cannot be guessed, are not refused.
     */
    private void refuseCodesWhileLocked(PendingChallenge challenge, ClientInfo client) {
        try {
            lockout.checkCodes(accounts.find(challenge.accountId())); // locked by take()
        } catch (LockedOutException e) {
            live.refuse(challenge, Method.TOTP, e, client, null);
            throw e;
        }
    }

    /** Runs a proof; a refusal is counted against the challenge (and a wrong code against the account), audited and thrown. */
    private void prove(PendingChallenge challenge, Method method, ClientInfo client, Runnable proof) {
        proven(challenge, method, client, () -> {
            proof.run();
            return null;
        });
    }

    /** {@link #prove}, for a proof that tells something of how it was proven. */
    private <T> T proven(PendingChallenge challenge, Method method, ClientInfo client, Supplier<T> proof) {
        try {
            return proof.get();
        } catch (VerificationException e) {
            if (MALFORMED.contains(e.reason())) {
                // Not a code at all (letters, the wrong length, garbage): no guess, so not counted. Audited.
                live.refuse(challenge, method, e, client, "not counted");
                throw e;
            }
            throw counted(challenge, method, e, client);
        }
    }

    /** Counts a refused proof; at the challenge's limit it becomes "too many attempts", at the account's "locked out". */
    private VerificationException counted(PendingChallenge challenge, Method method, VerificationException e,
                                          ClientInfo client) {
        Instant now = clock.instant();
        boolean dead = challenge.countFailure(settings.challengeMaxAttempts(), now);
        String detail = "attempt " + challenge.attempts() + " of " + settings.challengeMaxAttempts();
        if (e instanceof ClockSkewSuspectedException skew) {
            detail = "offsetSeconds=" + skew.offsetSeconds() + "; " + detail;
        }
        live.refuse(challenge, method, e, client, detail);
        // A wrong code counts across logins too: a new password step must not buy a fresh set of guesses
        // forever. Keys and recovery codes are not guessed (and the first code of an enrollment is the
        // enroller's own), so only the challenge counts those.
        Account account = accounts.find(challenge.accountId()); // locked by take()
        if (method == Method.TOTP && challenge.purpose() != PendingChallenge.Purpose.ENROLLMENT
                && lockout.countWrongCode(account)) {
            audit.record(AuditEvent.refused(EventType.ACCOUNT_LOCKED, Reason.LOCKED_OUT, LiveChallenges.attemptOf(challenge, client))
                    .forAccount(account.id()).by(Method.TOTP).detail(lockout.lockoutText(account)));
            return new LockedOutException(account.isLockedPermanently() ? null : account.lockedUntil());
        }
        return dead ? new TooManyAttemptsException() : e;
    }

    private SignedIn signIn(PendingChallenge challenge, Method method, ClientInfo client, String detail) {
        Account account = accounts.find(challenge.accountId());
        challenge.consume(clock.instant());
        // A login begun before the account's password changed (or a stolen trust cookie ended its
        // sessions) is over: its password step was the old password's.
        if (account == null || !account.admitsSessionFrom(challenge.createdAt())) {
            live.refuse(challenge, method, new NoPendingChallengeException(), client,
                    account == null || !account.isActive() ? "account no longer active" : "begun before the password changed");
            throw new NoPendingChallengeException();
        }
        lockout.clearCodes(account);
        EventType event = challenge.purpose() == PendingChallenge.Purpose.STEP_UP
                || challenge.purpose() == PendingChallenge.Purpose.STEP_UP_KEY ? EventType.STEP_UP_OK : EventType.LOGIN_OK;
        if (event == EventType.LOGIN_OK) {
            account.signedInWith(method);
        }
        audit.record(AuditEvent.succeeded(event, LiveChallenges.attemptOf(challenge, client))
                .forAccount(account.id()).by(method).detail(detail));
        return SignedIn.of(account, clock.instant(), method);
    }
}
