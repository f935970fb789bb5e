package org.twostep.webauthn;

import com.webauthn4j.util.Base64UrlUtil;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import org.twostep.config.Settings;
import org.twostep.refusal.Reason;

/**
 * WebAuthn ceremonies in flight: each has its own random challenge (32 bytes) in a
 * {@link WebAuthnCeremony} row, which one response spends (a conditional update decides), within
 * {@code twostep.webauthn.timeout}; the sweeper purges the expired ones.
 *
 * <pre>{@code
 * WebAuthnCeremony ceremony = ceremonies.open(WebAuthnCeremony.Purpose.PASSKEY, null, null, true);
 * WebAuthnCeremony spent = ceremonies.spend(ceremony.id(), WebAuthnCeremony.Purpose.PASSKEY); // once
 * }</pre>
 */
@Stateless
public class WebAuthnCeremonies {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Settings settings;

    /** Opens a ceremony with a fresh challenge; the account and pending challenge it serves, when known. */
    public WebAuthnCeremony open(WebAuthnCeremony.Purpose purpose, Long accountId, String pendingChallengeId,
                                 boolean userVerification) {
        Instant now = clock.instant();
        WebAuthnCeremony ceremony = new WebAuthnCeremony(purpose, random(32), accountId, pendingChallengeId,
                userVerification, now, now.plus(settings.webAuthnTimeout()));
        em.persist(ceremony);
        return ceremony;
    }

    /**
     * Marks the ceremony used, if it is open, of this purpose and not expired; its row count decides.
     *
     * @throws WebAuthnRefusedException {@code WEBAUTHN_NO_CEREMONY}: none, answered already, or expired
     */
    public WebAuthnCeremony spend(String ceremonyId, WebAuthnCeremony.Purpose purpose) {
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

    /** Deletes the ceremonies that expired before {@code now}: used or never answered, they serve no one. */
    public int purgeExpired(Instant now) {
        return em.createQuery("delete from WebAuthnCeremony c where c.expiresAt < :now")
                .setParameter("now", now)
                .executeUpdate();
    }

    /** A random value of {@code bytes} bytes, base64url: a challenge or a user handle. */
    static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64UrlUtil.encodeToString(value);
    }
}
