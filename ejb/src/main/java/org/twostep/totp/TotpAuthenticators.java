package org.twostep.totp;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.twostep.refusal.VerificationException;
import org.twostep.config.Settings;
import org.twostep.crypto.Base32;
import org.twostep.crypto.SecretCipher;
import org.twostep.crypto.SecretKeyring;

/**
 * Authenticator apps: enrollment (a new secret, confirmed by a first code) and verification of
 * codes against an account's active apps. Called by the challenge service inside its transaction.
 *
 * <pre>{@code
 * TotpEnrollment shown = authenticators.begin(accountId, "alice");
 * authenticators.confirm(accountId, shown.id(), "123456");
 * authenticators.verify(accountId, "654321");              // or a VerificationException
 * }</pre>
 */
@Stateless
public class TotpAuthenticators {

    /** RFC 4226 §4 R6 recommends 160 bits for the shared secret. */
    static final int SECRET_BYTES = 20;

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Settings settings;

    @Inject
    SecretKeyring keyring;

    /** Starts an enrollment: a fresh secret, sealed, in a pending authenticator of the account. */
    public TotpEnrollment begin(long accountId, String accountName) {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        TotpAuthenticator pending = new TotpAuthenticator(accountId, "Authenticator app",
                keyring.cipher().seal(secret, associatedData(accountId)), parametersForNewApps(), clock.instant());
        em.persist(pending);
        return enrollmentOf(pending, secret, accountName);
    }

    /** Shows a pending enrollment again, with the secret it was started with. */
    public TotpEnrollment show(long accountId, long enrollmentId, String accountName) {
        TotpAuthenticator pending = pending(accountId, enrollmentId);
        return enrollmentOf(pending, secretOf(pending), accountName);
    }

    private TotpEnrollment enrollmentOf(TotpAuthenticator pending, byte[] secret, String accountName) {
        String uri = OtpAuthUri.of(settings.issuer(), accountName, secret, pending.parameters());
        return new TotpEnrollment(pending.id(), uri, TotpEnrollment.group(Base32.encode(secret)), pending.parameters().digits());
    }

    private TotpAuthenticator pending(long accountId, long enrollmentId) {
        TotpAuthenticator pending = em.find(TotpAuthenticator.class, enrollmentId);
        if (pending == null || pending.accountId() != accountId || pending.status() != TotpAuthenticator.Status.PENDING) {
            throw new EnrollmentNotPendingException();
        }
        return pending;
    }

    /**
     * Activates a pending authenticator after a valid code. The activation is a conditional update:
     * a second submit of the same form finds nothing pending and changes nothing.
     *
     * @throws VerificationException the code is wrong, malformed, or the enrollment is not pending
     */
    public void confirm(long accountId, long enrollmentId, String code) {
        TotpAuthenticator pending = pending(accountId, enrollmentId);
        Instant now = clock.instant();
        long step = verifier().verify(secretOf(pending), pending.parameters(), code, now, -1);
        int activated = em.createQuery("update TotpAuthenticator a set a.status = :active, a.lastUsedStep = :step,"
                        + " a.driftSteps = :drift, a.lastUsedAt = :now where a.id = :id and a.status = :pending")
                .setParameter("active", TotpAuthenticator.Status.ACTIVE)
                .setParameter("pending", TotpAuthenticator.Status.PENDING)
                .setParameter("step", step)
                .setParameter("drift", TotpVerifier.driftOf(step, pending.parameters(), now))
                .setParameter("now", now)
                .setParameter("id", enrollmentId)
                .executeUpdate();
        if (activated == 0) {
            throw new EnrollmentNotPendingException();
        }
    }

    /**
     * Verifies a code against the account's active authenticators and spends it: the accepted time
     * step is stored with a conditional update, so of two requests with one code only one wins. The
     * app's drift is stored with it (RFC 6238 §6), so its next window is centred where its clock is.
     *
     * @return how far the app's clock is off, in seconds (negative: behind); 0 within a step
     * @throws VerificationException the most telling refusal: replayed, then clock skew, then mismatch,
     *         then malformed (the code fits none of the account's apps)
     */
    public long verify(long accountId, String code) {
        Instant now = clock.instant();
        VerificationException refusal = new MalformedCodeException(); // until a code of some app's length is seen
        for (TotpAuthenticator app : active(accountId)) {
            try {
                long step = verifier().verify(secretOf(app), app.parameters(), code, now, app.lastUsedStep(), app.driftSteps());
                int drift = TotpVerifier.driftOf(step, app.parameters(), now);
                if (spend(app, step, drift, now)) {
                    return (long) drift * app.parameters().periodSeconds();
                }
                refusal = new TotpReplayedException();
            } catch (TotpReplayedException | ClockSkewSuspectedException e) {
                if (!(refusal instanceof TotpReplayedException)) {
                    refusal = e;
                }
            } catch (TotpMismatchException e) {
                if (refusal instanceof MalformedCodeException) {
                    refusal = e;
                }
            } catch (MalformedCodeException e) {
                // not this app's number of digits: another app of the account may use the other length
            }
        }
        throw refusal;
    }

    public boolean hasActive(long accountId) {
        return !em.createQuery("select a.id from TotpAuthenticator a where a.accountId = :account and a.status = :active", Long.class)
                .setParameter("account", accountId)
                .setParameter("active", TotpAuthenticator.Status.ACTIVE)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    public List<TotpFactor> list(long accountId) {
        return em.createQuery("select new org.twostep.totp.TotpFactor(a.id, a.nickname, a.createdAt, a.lastUsedAt,"
                        + " a.driftSteps * a.periodSeconds)"
                        + " from TotpAuthenticator a where a.accountId = :account and a.status = :active order by a.createdAt",
                        TotpFactor.class)
                .setParameter("account", accountId)
                .setParameter("active", TotpAuthenticator.Status.ACTIVE)
                .getResultList();
    }

    public long countActive(long accountId) {
        return em.createQuery("select count(a) from TotpAuthenticator a where a.accountId = :account and a.status = :active", Long.class)
                .setParameter("account", accountId)
                .setParameter("active", TotpAuthenticator.Status.ACTIVE)
                .getSingleResult();
    }

    /** Deletes enrollments that were started before {@code before} and never confirmed. */
    public int purgeAbandoned(Instant before) {
        return em.createQuery("delete from TotpAuthenticator a where a.status = :pending and a.createdAt < :before")
                .setParameter("pending", TotpAuthenticator.Status.PENDING)
                .setParameter("before", before)
                .executeUpdate();
    }

    private List<TotpAuthenticator> active(long accountId) {
        return em.createQuery("select a from TotpAuthenticator a where a.accountId = :account and a.status = :active",
                        TotpAuthenticator.class)
                .setParameter("account", accountId)
                .setParameter("active", TotpAuthenticator.Status.ACTIVE)
                .getResultList();
    }

    private boolean spend(TotpAuthenticator app, long step, int drift, Instant now) {
        return em.createQuery("update TotpAuthenticator a set a.lastUsedStep = :step, a.driftSteps = :drift,"
                        + " a.lastUsedAt = :now where a.id = :id and a.lastUsedStep < :step")
                .setParameter("step", step)
                .setParameter("drift", drift)
                .setParameter("now", now)
                .setParameter("id", app.id())
                .executeUpdate() == 1;
    }

    /**
     * A key rotation's work, a batch at a time (the sweeper's), in a transaction of its own: re-seals,
     * with the current key, up to {@code max} secrets after id {@code afterId} that a configured older
     * key sealed, each with the same associated data, each only if it is still what was read. A secret
     * that does not open (tampered, or copied to another account's row) is skipped and counted, so one
     * bad row cannot stop the rotation. What is left under older keys is counted, so that the log can
     * say when they may be removed.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Resealed resealWithCurrentKey(long afterId, int max) {
        SecretCipher cipher = keyring.cipher();
        List<String> prefixes = cipher.oldPrefixes();
        if (prefixes.isEmpty()) {
            return new Resealed(0, 0, 0, afterId);
        }
        int done = 0;
        int unreadable = 0;
        long lastId = afterId;
        List<TotpAuthenticator> batch = em.createQuery("select a from TotpAuthenticator a where a.id > :after order by a.id",
                        TotpAuthenticator.class)
                .setParameter("after", afterId)
                .setMaxResults(max)
                .getResultList();
        for (TotpAuthenticator app : batch) {
            lastId = app.id();
            if (prefixes.stream().noneMatch(app.secretSealed()::startsWith)) {
                continue; // the current key's, or a key no longer configured
            }
            try {
                String resealed = cipher.seal(secretOf(app), associatedData(app.accountId()));
                done += em.createQuery("update TotpAuthenticator a set a.secretSealed = :resealed"
                                + " where a.id = :id and a.secretSealed = :was")
                        .setParameter("resealed", resealed)
                        .setParameter("id", app.id())
                        .setParameter("was", app.secretSealed())
                        .executeUpdate();
            } catch (SecretCipher.UnreadableSecretException e) {
                unreadable++;
            }
        }
        boolean throughAll = batch.size() < max;
        long left = 0;
        if (done > 0 || throughAll) {
            for (String prefix : prefixes) { // compared exactly: a key id may hold "_", a LIKE wildcard
                left += em.createQuery("select count(a) from TotpAuthenticator a"
                                + " where substring(a.secretSealed, 1, :length) = :prefix", Long.class)
                        .setParameter("length", prefix.length())
                        .setParameter("prefix", prefix)
                        .getSingleResult();
            }
        }
        return new Resealed(done, unreadable, left, throughAll ? 0 : lastId);
    }

    /**
     * What one batch of a rotation did: {@code done} re-sealed, {@code unreadable} skipped, {@code left}
     * under older keys (counted when the batch did any, or reached the end), and where the next batch
     * starts ({@code nextAfterId}; 0 from the beginning again).
     */
    public record Resealed(int done, int unreadable, long left, long nextAfterId) {
    }

    private byte[] secretOf(TotpAuthenticator app) {
        return keyring.cipher().open(app.secretSealed(), associatedData(app.accountId()));
    }

    /** What new apps are enrolled with (RFC 6238 §4: a 30 s period). */
    private TotpParameters parametersForNewApps() {
        return new TotpParameters(TotpAlgorithm.valueOf(settings.totpAlgorithm()), settings.totpDigits(), 30);
    }

    private TotpVerifier verifier() {
        return new TotpVerifier(settings.totpWindow());
    }

    /** Binds a sealed secret to its account: copied into another account's row, it does not open. */
    private static String associatedData(long accountId) {
        return "totp:" + accountId;
    }
}
