package org.twostep.webauthn;

import com.webauthn4j.util.Base64UrlUtil;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
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
import org.twostep.audit.Reason;
import org.twostep.challenge.VerificationException;
import org.twostep.config.Settings;

/**
 * Security keys and passkeys: the three WebAuthn ceremonies (register a key, prove a key as the
 * second factor, sign in with a passkey alone) and the keys they leave behind.
 *
 * <p>Each ceremony has its own random challenge (32 bytes) in a {@link WebAuthnCeremony} row, which
 * one response spends (a conditional update decides), within {@code twostep.webauthn.timeout}.
 *
 * <pre>{@code
 * WebAuthnOptions.Creation options = keys.registrationOptions(who, false);
 * keys.register(who, options.ceremonyId(), responseJson, "YubiKey", rp, client);
 * }</pre>
 */
@Stateless
public class WebAuthnKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebAuthnVerifier verifier = new WebAuthnVerifier();

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Settings settings;

    @EJB
    Accounts accounts;

    @EJB
    AuditLog audit;

    /** Starts registering a security key (or, with {@code passkey}, a discoverable credential with user verification). */
    public WebAuthnOptions.Creation registrationOptions(SignedIn who, boolean passkey) {
        Account account = accounts.find(who.accountId());
        account.assignWebAuthnUserHandle(random(32));
        WebAuthnCeremony ceremony = open(WebAuthnCeremony.Purpose.REGISTRATION, who.accountId(), null, passkey);
        return new WebAuthnOptions.Creation(ceremony.id(), ceremony.challenge(), account.webAuthnUserHandle(),
                account.username(), account.displayName(), passkey, keysOf(who.accountId()), WebAuthnVerifier.algorithms(),
                settings.webAuthnTimeout().toMillis());
    }

    /** Verifies and stores a new key. Refusals are audited with their reason and thrown. */
    public WebAuthnFactor register(SignedIn who, String ceremonyId, String json, String nickname, RelyingParty rp,
                                   ClientInfo client) {
        LoginAttempt attempt = LoginAttempt.resume(null, who.username(), client);
        try {
            // One registration per account at a time, so the duplicate check below cannot race a double submit.
            em.find(Account.class, who.accountId(), LockModeType.PESSIMISTIC_WRITE);
            WebAuthnCeremony ceremony = spend(ceremonyId, WebAuthnCeremony.Purpose.REGISTRATION);
            if (!Long.valueOf(who.accountId()).equals(ceremony.accountId())) {
                throw new WebAuthnRefusedException(Reason.WEBAUTHN_NO_CEREMONY);
            }
            WebAuthnVerifier.RegisteredKey key = verifier.register(json, rp, Base64UrlUtil.decode(ceremony.challenge()),
                    ceremony.userVerification());
            if (byCredentialId(key.credentialId()) != null) {
                throw new WebAuthnRefusedException(Reason.WEBAUTHN_ALREADY_REGISTERED);
            }
            String name = nickname == null || nickname.isBlank()
                    ? (ceremony.userVerification() ? "Passkey" : "Security key")
                    : nickname.strip().substring(0, Math.min(64, nickname.strip().length()));
            WebAuthnCredential credential = new WebAuthnCredential(who.accountId(), key, ceremony.userVerification(), name,
                    clock.instant());
            em.persist(credential);
            audit.record(AuditEvent.succeeded(EventType.FACTOR_ADDED, attempt).forAccount(who.accountId())
                    .by(ceremony.userVerification() ? Method.PASSKEY : Method.WEBAUTHN).detail(name));
            return factorOf(credential);
        } catch (VerificationException e) {
            audit.refusal(AuditEvent.refused(EventType.FACTOR_REFUSED, e.reason(), attempt).forAccount(who.accountId())
                    .by(Method.WEBAUTHN));
            throw e;
        }
    }

    /** Starts the second step with a key: the challenge, and the account's keys to choose from. */
    public WebAuthnOptions.Request secondFactorOptions(long accountId, String pendingChallengeId) {
        WebAuthnCeremony ceremony = open(WebAuthnCeremony.Purpose.SECOND_FACTOR, accountId, pendingChallengeId, false);
        return new WebAuthnOptions.Request(ceremony.id(), ceremony.challenge(), keysOf(accountId), false,
                settings.webAuthnTimeout().toMillis());
    }

    /**
     * The second factor with a key, for the challenge service (which counts and audits refusals):
     * the ceremony must be this pending challenge's, the credential this account's.
     */
    public void verifySecondFactor(long accountId, String pendingChallengeId, String ceremonyId, String json, RelyingParty rp) {
        WebAuthnCeremony ceremony = spend(ceremonyId, WebAuthnCeremony.Purpose.SECOND_FACTOR);
        if (!pendingChallengeId.equals(ceremony.pendingChallengeId())) {
            throw new WebAuthnRefusedException(Reason.WEBAUTHN_NO_CEREMONY);
        }
        WebAuthnVerifier.Assertion assertion = verifier.parseAssertion(json);
        WebAuthnCredential credential = credentialOf(assertion);
        if (credential.accountId() != accountId) {
            throw new WebAuthnRefusedException(Reason.WEBAUTHN_FOREIGN_CREDENTIAL);
        }
        verify(assertion, credential, ceremony, rp);
    }

    /** Starts a passkey sign-in: no username, so no credentials to list; user verification required. */
    public WebAuthnOptions.Request passkeyOptions() {
        WebAuthnCeremony ceremony = open(WebAuthnCeremony.Purpose.PASSKEY, null, null, true);
        return new WebAuthnOptions.Request(ceremony.id(), ceremony.challenge(), List.of(), true,
                settings.webAuthnTimeout().toMillis());
    }

    /**
     * A passkey on its own: possession of the key plus the PIN or biometric behind it, so both factors.
     * Without user verification it is refused. Audited as {@code LOGIN_OK} with method {@code PASSKEY}.
     */
    public SignedIn passkeySignIn(String ceremonyId, String json, RelyingParty rp, ClientInfo client) {
        LoginAttempt attempt = LoginAttempt.start(null, client);
        Long accountId = null;
        try {
            WebAuthnCeremony ceremony = spend(ceremonyId, WebAuthnCeremony.Purpose.PASSKEY);
            WebAuthnVerifier.Assertion assertion = verifier.parseAssertion(json);
            WebAuthnCredential credential = credentialOf(assertion);
            accountId = credential.accountId();
            // Locked before the key's counter moves: the same order as a second step (account, then factor).
            Account account = em.find(Account.class, accountId, LockModeType.PESSIMISTIC_WRITE);
            attempt = LoginAttempt.resume(attempt.correlationId(), account.username(), client);
            // WebAuthn L3 §7.2 step 6: with no user identified beforehand, the user handle must name the credential's owner.
            if (assertion.userHandle() == null || account.webAuthnUserHandle() == null
                    || !MessageDigest.isEqual(assertion.userHandle().getBytes(StandardCharsets.US_ASCII),
                            account.webAuthnUserHandle().getBytes(StandardCharsets.US_ASCII))) {
                throw new WebAuthnRefusedException(Reason.WEBAUTHN_FOREIGN_CREDENTIAL);
            }
            if (!account.isActive()) {
                throw new org.twostep.account.AccountDisabledException();
            }
            if (account.isLockedAt(clock.instant())) {
                throw new org.twostep.challenge.LockedOutException();
            }
            verify(assertion, credential, ceremony, rp);
            account.clearSecondFactorFailures();
            audit.record(AuditEvent.succeeded(EventType.LOGIN_OK, attempt).forAccount(accountId).by(Method.PASSKEY));
            return SignedIn.of(account);
        } catch (VerificationException e) {
            audit.refusal(AuditEvent.refused(EventType.FIRST_FACTOR_FAILED, e.reason(), attempt).forAccount(accountId)
                    .by(Method.PASSKEY));
            throw e;
        }
    }

    public List<WebAuthnFactor> list(long accountId) {
        return em.createQuery("select c from WebAuthnCredential c where c.accountId = :account order by c.createdAt",
                        WebAuthnCredential.class)
                .setParameter("account", accountId)
                .getResultStream()
                .map(WebAuthnKeys::factorOf)
                .toList();
    }

    /** Renames one of the account's keys; false when it has no such key. */
    public boolean rename(long accountId, long id, String nickname) {
        return em.createQuery("update WebAuthnCredential c set c.nickname = :nickname where c.id = :id and c.accountId = :account")
                .setParameter("nickname", nickname)
                .setParameter("id", id)
                .setParameter("account", accountId)
                .executeUpdate() == 1;
    }

    /** Removes one of the account's keys; false when it has no such key. */
    public boolean remove(long accountId, long id) {
        return em.createQuery("delete from WebAuthnCredential c where c.id = :id and c.accountId = :account")
                .setParameter("id", id)
                .setParameter("account", accountId)
                .executeUpdate() == 1;
    }

    public long count(long accountId) {
        return em.createQuery("select count(c) from WebAuthnCredential c where c.accountId = :account", Long.class)
                .setParameter("account", accountId)
                .getSingleResult();
    }

    public boolean hasAny(long accountId) {
        return !em.createQuery("select c.id from WebAuthnCredential c where c.accountId = :account", Long.class)
                .setParameter("account", accountId)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    /** Deletes the ceremonies that expired before {@code now}: used or never answered, they serve no one. */
    public int purgeCeremonies(Instant now) {
        return em.createQuery("delete from WebAuthnCeremony c where c.expiresAt < :now")
                .setParameter("now", now)
                .executeUpdate();
    }

    private void verify(WebAuthnVerifier.Assertion assertion, WebAuthnCredential credential, WebAuthnCeremony ceremony,
                        RelyingParty rp) {
        long counter = verifier.authenticate(assertion, rp, Base64UrlUtil.decode(ceremony.challenge()),
                credential.storedKey(), ceremony.userVerification());
        credential.used(counter, clock.instant());
    }

    private WebAuthnCeremony open(WebAuthnCeremony.Purpose purpose, Long accountId, String pendingChallengeId,
                                  boolean userVerification) {
        Instant now = clock.instant();
        WebAuthnCeremony ceremony = new WebAuthnCeremony(purpose, random(32), accountId, pendingChallengeId,
                userVerification, now, now.plus(settings.webAuthnTimeout()));
        em.persist(ceremony);
        return ceremony;
    }

    /** Marks the ceremony used, if it is open, of this purpose and not expired; its row count decides. */
    private WebAuthnCeremony spend(String ceremonyId, WebAuthnCeremony.Purpose purpose) {
        int spent = ceremonyId == null ? 0 : em.createQuery("update WebAuthnCeremony c set c.state = :used"
                        + " where c.id = :id and c.purpose = :purpose and c.state = :open and c.expiresAt > :now")
                .setParameter("used", WebAuthnCeremony.State.USED)
                .setParameter("open", WebAuthnCeremony.State.OPEN)
                .setParameter("id", ceremonyId)
                .setParameter("purpose", purpose)
                .setParameter("now", clock.instant())
                .executeUpdate();
        if (spent == 0) {
            throw new WebAuthnRefusedException(Reason.WEBAUTHN_NO_CEREMONY);
        }
        return em.find(WebAuthnCeremony.class, ceremonyId);
    }

    private WebAuthnCredential credentialOf(WebAuthnVerifier.Assertion assertion) {
        WebAuthnCredential credential = byCredentialId(assertion.credentialId());
        if (credential == null) {
            throw new WebAuthnRefusedException(Reason.WEBAUTHN_UNKNOWN_CREDENTIAL);
        }
        return credential;
    }

    private WebAuthnCredential byCredentialId(String credentialId) {
        return em.createQuery("select c from WebAuthnCredential c where c.credentialId = :id", WebAuthnCredential.class)
                .setParameter("id", credentialId)
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    private List<WebAuthnOptions.KeyRef> keysOf(long accountId) {
        return em.createQuery("select c.credentialId, c.transports from WebAuthnCredential c where c.accountId = :account",
                        Object[].class)
                .setParameter("account", accountId)
                .getResultStream()
                .map(row -> new WebAuthnOptions.KeyRef((String) row[0], row[1] == null || ((String) row[1]).isBlank()
                        ? List.of() : Arrays.asList(((String) row[1]).split(","))))
                .toList();
    }

    private static WebAuthnFactor factorOf(WebAuthnCredential c) {
        return new WebAuthnFactor(c.id(), c.nickname(), c.discoverable(), c.createdAt(), c.lastUsedAt());
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64UrlUtil.encodeToString(value);
    }
}
