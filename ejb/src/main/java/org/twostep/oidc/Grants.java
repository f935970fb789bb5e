package org.twostep.oidc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.twostep.config.Settings;
import org.twostep.crypto.Digests;
import org.twostep.refusal.Reason;

/**
 * What the applications were granted, and their refresh tokens: a grant is opened when a code is
 * redeemed, renewed by refresh tokens (each used once: rotation; a second use revokes the grant,
 * RFC 9700 §4.14.2), and revoked when the TwoStep session it was made in signs out. A refresh token
 * lives {@code twostep.oidc.refresh-token.idle} after its predecessor was used, and never past the
 * grant's end, {@code twostep.oidc.refresh-token.lifetime} after the code was redeemed.
 *
 * <pre>{@code
 * Grants.Opened opened = grants.open(code);                 // at the code's redemption
 * Grants.Opened renewed = grants.refresh(refreshToken, client); // or an OidcException
 * List<SessionGrant> ended = grants.endSession(sid);        // at sign-out
 * }</pre>
 *
 * A CDI bean, not an enterprise bean: it works in its caller's transaction ({@link Authorizations}),
 * and a revocation made before an {@link OidcException} is thrown commits with it. The sweeper, which
 * runs each piece of its work in a transaction of its own, gets one for {@link #purgeExpired}.
 */
@ApplicationScoped
public class Grants {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Settings settings;

    /** A grant and its newest refresh token (in clear: only its digest is stored). */
    public record Opened(SessionGrant grant, String refreshToken) {
    }

    /** Opens the grant of a code being redeemed, with its first refresh token. */
    public Opened open(AuthorizationCode code) {
        Instant now = clock.instant();
        SessionGrant grant = new SessionGrant(Digests.randomBase64Url(32), code, now, now.plus(settings.oidcRefreshTokenLifetime()));
        em.persist(grant);
        return new Opened(grant, newRefreshToken(grant, now));
    }

    /**
     * RFC 6749 §6: the refresh token, issued to this client, unused, within its time, of a grant that
     * is still active, is spent for a new one. A token used before (or at the same time by another
     * request) revokes its grant: whoever holds either copy gets nothing more.
     *
     * @throws OidcException {@code invalid_grant} with reason {@code OIDC_REFRESH_TOKEN_INVALID},
     *                       {@code OIDC_REFRESH_TOKEN_REPLAYED} or {@code OIDC_CODE_MISMATCH}
     */
    public Opened refresh(String refreshToken, OidcClient client) {
        String digest = refreshToken == null ? null : Digests.sha256Base64Url(refreshToken);
        RefreshToken token = digest == null ? null : em.find(RefreshToken.class, digest);
        Instant now = clock.instant();
        SessionGrant grant = token == null ? null : em.find(SessionGrant.class, token.grantId());
        if (token == null || grant == null || token.isExpired(now) && token.state() == RefreshToken.State.ACTIVE) {
            throw OidcException.invalidGrant(Reason.OIDC_REFRESH_TOKEN_INVALID, "the refresh token is unknown or expired");
        }
        if (!grant.authorization().clientId().equals(client.clientId())) {
            throw OidcException.invalidGrant(Reason.OIDC_CODE_MISMATCH, "the refresh token was issued to another client");
        }
        if (token.state() == RefreshToken.State.USED || !spend(digest)) {
            revoke(grant.id());
            throw OidcException.invalidGrant(Reason.OIDC_REFRESH_TOKEN_REPLAYED,
                    "the refresh token was used already: the grant is revoked");
        }
        if (!grant.isActiveAt(now)) {
            throw OidcException.invalidGrant(Reason.OIDC_REFRESH_TOKEN_INVALID, "the grant was revoked or has ended");
        }
        return new Opened(grant, newRefreshToken(grant, now));
    }

    /** The grant of a refresh token of this client, or null: what an application's own logout names. */
    public SessionGrant ofRefreshToken(String refreshToken, OidcClient client) {
        RefreshToken token = refreshToken == null ? null : em.find(RefreshToken.class, Digests.sha256Base64Url(refreshToken));
        SessionGrant grant = token == null ? null : em.find(SessionGrant.class, token.grantId());
        return grant != null && grant.authorization().clientId().equals(client.clientId()) ? grant : null;
    }

    /** Whether tokens issued under this grant still count (the userinfo endpoint asks). */
    public boolean isActive(String grantId) {
        SessionGrant grant = grantId == null ? null : em.find(SessionGrant.class, grantId);
        return grant != null && grant.isActiveAt(clock.instant());
    }

    public void revoke(String grantId) {
        em.createQuery("update SessionGrant g set g.state = :revoked where g.id = :id")
                .setParameter("revoked", SessionGrant.State.REVOKED)
                .setParameter("id", grantId)
                .executeUpdate();
    }

    /** Revokes every active grant of the session: its applications' tokens stop counting. Returns them. */
    public List<SessionGrant> endSession(String sid) {
        List<SessionGrant> active = em.createQuery("select g from SessionGrant g where g.authorization.sid = :sid and g.state = :active"
                        + " order by g.createdAt", SessionGrant.class)
                .setParameter("sid", sid)
                .setParameter("active", SessionGrant.State.ACTIVE)
                .getResultList();
        active.forEach(grant -> revoke(grant.id()));
        return active;
    }

    /** The TwoStep sessions (sids) in which the account's applications hold active grants. */
    public List<String> activeSessions(long accountId) {
        return em.createQuery("select distinct g.authorization.sid from SessionGrant g where g.authorization.accountId = :account"
                        + " and g.state = :active", String.class)
                .setParameter("account", accountId)
                .setParameter("active", SessionGrant.State.ACTIVE)
                .getResultList();
    }

    /** Deletes refresh tokens and grants past their end (the sweeper's work): they serve no one. */
    @Transactional
    public int purgeExpired(Instant before) {
        int tokens = em.createQuery("delete from RefreshToken t where t.expiresAt < :before").setParameter("before", before)
                .executeUpdate();
        // A grant's remaining refresh tokens go with it (on delete cascade).
        return tokens + em.createQuery("delete from SessionGrant g where g.expiresAt < :before").setParameter("before", before)
                .executeUpdate();
    }

    private String newRefreshToken(SessionGrant grant, Instant now) {
        String token = Digests.randomBase64Url(32);
        Instant idleEnd = now.plus(settings.oidcRefreshTokenIdle());
        em.persist(new RefreshToken(Digests.sha256Base64Url(token), grant.id(), now,
                idleEnd.isBefore(grant.expiresAt()) ? idleEnd : grant.expiresAt()));
        return token;
    }

    /** The conditional update that decides which of concurrent uses of one refresh token wins. */
    private boolean spend(String digest) {
        return em.createQuery("update RefreshToken t set t.state = :used where t.tokenDigest = :digest and t.state = :active")
                .setParameter("used", RefreshToken.State.USED)
                .setParameter("active", RefreshToken.State.ACTIVE)
                .setParameter("digest", digest)
                .executeUpdate() == 1;
    }
}
