package org.twostep.webauthn;

import com.webauthn4j.util.Base64UrlUtil;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
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
import org.twostep.config.Settings;
import org.twostep.policy.StepUpWindow;
import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;

/**
 * The key registry: registering a security key or passkey (W3C WebAuthn Level 3 §7.1), and the keys
 * an account has. Registering is a sensitive change: it needs a fresh second factor (step-up).
 *
 * <pre>{@code
 * WebAuthnOptions.Creation options = keys.registrationOptions(who, false, client);
 * keys.register(who, options.ceremonyId(), responseJson, "YubiKey", rp, client);
 * }</pre>
 */
@Stateless
public class WebAuthnKeys {

    private final WebAuthnVerifier verifier = new WebAuthnVerifier();

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Settings settings;

    @Inject
    StepUpWindow stepUp;

    @Inject
    StoredCredentials stored;

    @EJB
    Accounts accounts;

    @EJB
    WebAuthnCeremonies ceremonies;

    @EJB
    AuditLog audit;

    /**
     * Starts registering a security key, or with {@code passkey} a discoverable credential with user
     * verification. A passkey may be made on an authenticator that holds one of the account's plain
     * security keys already: only passkeys are excluded, so the browser does not refuse it as a
     * duplicate; a security key excludes every registered credential.
     */
    public WebAuthnOptions.Creation registrationOptions(SignedIn who, boolean passkey, ClientInfo client) {
        stepUp.require(who, EventType.FACTOR_REFUSED, passkey ? Method.PASSKEY : Method.WEBAUTHN, client);
        Account account = accounts.find(who.accountId());
        account.assignWebAuthnUserHandle(WebAuthnCeremonies.random(32));
        WebAuthnCeremony ceremony = ceremonies.open(WebAuthnCeremony.Purpose.REGISTRATION, who.accountId(), null, passkey);
        return new WebAuthnOptions.Creation(ceremony.id(), ceremony.challenge(), account.webAuthnUserHandle(),
                account.username(), account.displayName(), passkey, stored.keysOf(who.accountId(), passkey),
                WebAuthnVerifier.algorithms(), settings.webAuthnTimeout().toMillis());
    }

    /** Verifies and stores a new key. Refusals are audited with their reason and thrown. */
    public WebAuthnFactor register(SignedIn who, String ceremonyId, String json, String nickname, RelyingParty rp,
                                   ClientInfo client) {
        stepUp.require(who, EventType.FACTOR_REFUSED, Method.WEBAUTHN, client);
        LoginAttempt attempt = LoginAttempt.resume(null, who.username(), client);
        try {
            // One registration per account at a time, so the duplicate check below cannot race a double submit.
            accounts.lock(who.accountId());
            WebAuthnCeremony ceremony = ceremonies.spend(ceremonyId, WebAuthnCeremony.Purpose.REGISTRATION);
            if (!Long.valueOf(who.accountId()).equals(ceremony.accountId())) {
                throw new WebAuthnRefusedException(Reason.WEBAUTHN_NO_CEREMONY);
            }
            WebAuthnVerifier.RegisteredKey key = verifier.register(json, rp, Base64UrlUtil.decode(ceremony.challenge()),
                    ceremony.userVerification());
            if (stored.byCredentialId(key.credentialId()) != null) {
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

    /** What the security page shows of each key: read as that, not as whole credentials with their public keys. */
    public List<WebAuthnFactor> list(long accountId) {
        return em.createQuery("select new org.twostep.webauthn.WebAuthnFactor(c.id, c.nickname, c.discoverable, c.createdAt,"
                        + " c.lastUsedAt, c.credentialId) from WebAuthnCredential c where c.accountId = :account order by c.createdAt",
                        WebAuthnFactor.class)
                .setParameter("account", accountId)
                .getResultList();
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

    private static WebAuthnFactor factorOf(WebAuthnCredential c) {
        return new WebAuthnFactor(c.id(), c.nickname(), c.discoverable(), c.createdAt(), c.lastUsedAt(), c.credentialId());
    }
}
