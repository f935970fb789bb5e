package org.twostep.webauthn;

import com.webauthn4j.util.Base64UrlUtil;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import org.twostep.account.Account;
import org.twostep.audit.AuditEvent;
import org.twostep.audit.AuditLog;
import org.twostep.audit.ClientInfo;
import org.twostep.audit.EventType;
import org.twostep.audit.LoginAttempt;
import org.twostep.audit.Method;
import org.twostep.config.Settings;
import org.twostep.policy.AddressLimits;
import org.twostep.policy.RateLimitedException;
import org.twostep.refusal.Reason;

/**
 * Proving a key (W3C WebAuthn Level 3 §7.2), for the verification service, which locks and audits
 * (and, for a second factor, counts the failures): as the second factor of a pending challenge, or as
 * a passkey on its own.
 *
 * <pre>{@code
 * WebAuthnOptions.Request options = assertions.secondFactorOptions(accountId, pendingChallengeId);
 * assertions.verifySecondFactor(accountId, pendingChallengeId, options.ceremonyId(), json, rp);
 *
 * PasskeyAssertion passkey = assertions.readPasskey(ceremonyId, json); // whose key, not yet verified
 * assertions.verifyPasskey(passkey, lockedAccount, rp);
 * }</pre>
 */
@Stateless
public class WebAuthnAssertions {

    private final WebAuthnVerifier verifier = new WebAuthnVerifier();

    @Inject
    AddressLimits limits;

    @EJB
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    Settings settings;

    @EJB
    WebAuthnCeremonies ceremonies;

    @Inject
    StoredCredentials stored;

    /** Starts the second step with a key: the challenge, and the account's keys to choose from. */
    public WebAuthnOptions.Request secondFactorOptions(long accountId, String pendingChallengeId) {
        WebAuthnCeremony ceremony = ceremonies.open(WebAuthnCeremony.Purpose.SECOND_FACTOR, accountId, pendingChallengeId, false);
        return new WebAuthnOptions.Request(ceremony.id(), ceremony.challenge(), stored.keysOf(accountId, false), false,
                settings.webAuthnTimeout().toMillis());
    }

    /** The second factor with a key: the ceremony must be this pending challenge's, the credential this account's. */
    public void verifySecondFactor(long accountId, String pendingChallengeId, String ceremonyId, String json, RelyingParty rp) {
        WebAuthnCeremony ceremony = ceremonies.spend(ceremonyId, WebAuthnCeremony.Purpose.SECOND_FACTOR);
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

    /**
     * Starts a passkey sign-in: no username, so no credentials to list; user verification required.
     * Anyone may ask, so each client address may ask only so often ({@link AddressLimits}).
     */
    public WebAuthnOptions.Request passkeyOptions(ClientInfo client) {
        try {
            limits.take(AddressLimits.Kind.REQUEST, client.address());
        } catch (RateLimitedException e) {
            if (e.firstOfStreak()) {
                audit.refusal(AuditEvent.refused(EventType.FIRST_FACTOR_FAILED, e.reason(), LoginAttempt.start(null, client))
                        .by(Method.PASSKEY).detail("client address; further refusals of it until the limit lets one through are not written"));
            }
            throw e;
        }
        WebAuthnCeremony ceremony = ceremonies.open(WebAuthnCeremony.Purpose.PASSKEY, null, null, true);
        return new WebAuthnOptions.Request(ceremony.id(), ceremony.challenge(), List.of(), true,
                settings.webAuthnTimeout().toMillis());
    }

    /** Spends the passkey ceremony and reads whose credential the assertion names; nothing is verified yet. */
    public PasskeyAssertion readPasskey(String ceremonyId, String json) {
        WebAuthnCeremony ceremony = ceremonies.spend(ceremonyId, WebAuthnCeremony.Purpose.PASSKEY);
        WebAuthnVerifier.Assertion assertion = verifier.parseAssertion(json);
        WebAuthnCredential credential = credentialOf(assertion);
        return new PasskeyAssertion(credential.accountId(), assertion, credential, ceremony);
    }

    /**
     * Verifies a passkey assertion for its (locked) account: the user handle must name the account,
     * the signature and the user verification must hold; the key's counter moves.
     */
    public void verifyPasskey(PasskeyAssertion passkey, Account account, RelyingParty rp) {
        // WebAuthn L3 §7.2 step 6: with no user identified beforehand, the user handle must name the credential's owner.
        String handle = passkey.assertion().userHandle();
        if (handle == null || account.webAuthnUserHandle() == null
                || !MessageDigest.isEqual(handle.getBytes(StandardCharsets.US_ASCII),
                        account.webAuthnUserHandle().getBytes(StandardCharsets.US_ASCII))) {
            throw new WebAuthnRefusedException(Reason.WEBAUTHN_FOREIGN_CREDENTIAL);
        }
        // Read again now that the account is locked: parallel assertions of a cloned key meet the newest counter.
        em.refresh(passkey.credential());
        verify(passkey.assertion(), passkey.credential(), passkey.ceremony(), rp);
    }

    private void verify(WebAuthnVerifier.Assertion assertion, WebAuthnCredential credential, WebAuthnCeremony ceremony,
                        RelyingParty rp) {
        long counter = verifier.authenticate(assertion, rp, Base64UrlUtil.decode(ceremony.challenge()),
                credential.storedKey(), ceremony.userVerification());
        credential.used(counter, clock.instant());
    }

    private WebAuthnCredential credentialOf(WebAuthnVerifier.Assertion assertion) {
        WebAuthnCredential credential = stored.byCredentialId(assertion.credentialId());
        if (credential == null) {
            throw new WebAuthnRefusedException(Reason.WEBAUTHN_UNKNOWN_CREDENTIAL);
        }
        return credential;
    }

    /**
     * A passkey assertion read but not yet verified: whose key it names, the key, and the ceremony it
     * answers (entities of the caller's transaction).
     */
    public record PasskeyAssertion(long accountId, WebAuthnVerifier.Assertion assertion, WebAuthnCredential credential,
                                   WebAuthnCeremony ceremony) {
    }
}
