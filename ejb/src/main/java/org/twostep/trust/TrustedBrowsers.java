package org.twostep.trust;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.twostep.account.Accounts;
import org.twostep.account.SignedIn;
import org.twostep.audit.AuditEvent;
import org.twostep.audit.AuditLog;
import org.twostep.audit.ClientInfo;
import org.twostep.audit.EventType;
import org.twostep.audit.LoginAttempt;
import org.twostep.audit.Method;
import org.twostep.config.Settings;
import org.twostep.crypto.Digests;
import org.twostep.factors.FactorChangeRefusedException;
import org.twostep.oidc.Authorizations;
import org.twostep.refusal.Reason;

/**
 * "Don't ask for a second factor again on this browser", for {@code twostep.trusted-browser.lifetime}
 * (30 days; zero turns it off). It skips only a login's second step, never the password, and a
 * sign-in through it claims the second factor as of when it was proven, so a step-up that a
 * sensitive change or an application ({@code max_age}) asks for is asked all the same.
 *
 * <p>The cookie is a series and a token, each random; only the token's SHA-256 is stored, and every
 * use replaces the token. A token of the series other than the current one is a copy taken before
 * the last use (or the last use was the copy's): the series is revoked, audited
 * {@code TRUSTED_BROWSER_REUSED}, and both are asked for a second factor again.
 *
 * <pre>{@code
 * Cookie cookie = trustedBrowsers.trust(signedIn, client);                       // after a second step, if ticked
 * Admission admitted = trustedBrowsers.admit(afterPassword, cookie.value(), attempt); // at the next password step
 * }</pre>
 */
@Stateless
public class TrustedBrowsers {

    static final int SERIES_BYTES = 16;

    /** 256 bits: more than the 128 the issue asks for, and as cheap. */
    static final int TOKEN_BYTES = 32;

    /** Trusted browsers one account keeps; a newer one revokes the oldest. */
    static final int MAX_PER_ACCOUNT = 20;

    /**
     * How long the token a use replaced is still taken for the same browser's (two submits of one
     * form, an answer lost on the way): asked for the second factor, the trust kept. A copy used
     * after that, or an older token, is theft.
     */
    static final Duration SAME_BROWSER = Duration.ofSeconds(30);

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Settings settings;

    @EJB
    AuditLog audit;

    @EJB
    Accounts accounts;

    @EJB
    Authorizations authorizations;

    /** A trust cookie's value, and until when the browser keeps it. */
    public record Cookie(String value, Instant expiresAt) {

        @Override
        public String toString() {
            return "Cookie[***, expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * What a trust cookie did at a password step: a sign-in and the cookie's next value; or nothing
     * (the cookie forgotten, or kept); or, for the token just replaced, the series to renew once this
     * login's second factor is proven ({@link #renew}).
     */
    public record Admission(SignedIn signedIn, Cookie nextCookie, boolean forgetCookie, String renewAfterSecondFactor) {

        public static final Admission NONE = new Admission(null, null, false, null);
        static final Admission REFUSED = new Admission(null, null, true, null);

        public boolean admitted() {
            return signedIn != null;
        }
    }

    public boolean enabled() {
        return !settings.trustedBrowserLifetime().isZero();
    }

    /**
     * Trusts the caller's browser, whose second factor was just proven. Audited
     * {@code TRUSTED_BROWSER_ADDED}.
     *
     * @return the cookie
     */
    public Cookie trust(SignedIn who, ClientInfo client) {
        if (!enabled() || who.secondFactorAt() == null) {
            throw new IllegalStateException("no trust without a policy that allows it and a second factor proven");
        }
        Instant now = clock.instant();
        String series = Digests.randomBase64Url(SERIES_BYTES);
        String token = Digests.randomBase64Url(TOKEN_BYTES);
        TrustedBrowser browser = new TrustedBrowser(who.accountId(), series, Digests.sha256Base64(token), who.secondFactor(),
                who.secondFactorAt(), client, now, now.plus(settings.trustedBrowserLifetime()));
        em.persist(browser);
        LoginAttempt attempt = LoginAttempt.start(who.username(), client);
        audit.record(AuditEvent.succeeded(EventType.TRUSTED_BROWSER_ADDED, attempt).forAccount(who.accountId())
                .by(who.secondFactor()).detail("until " + browser.expiresAt()));
        List<TrustedBrowser> live = live(who.accountId());
        for (TrustedBrowser old : live.subList(0, Math.max(0, live.size() - MAX_PER_ACCOUNT))) {
            old.revoke("more than " + MAX_PER_ACCOUNT + " trusted browsers", now);
            audit.record(AuditEvent.succeeded(EventType.TRUSTED_BROWSER_REVOKED, attempt).forAccount(who.accountId())
                    .detail("the oldest of more than " + MAX_PER_ACCOUNT));
        }
        return new Cookie(series + "." + token, browser.expiresAt());
    }

    /**
     * A password step from a browser that brought a trust cookie: if it is the account's, current,
     * and not expired or revoked, the caller is signed in with the second factor the trust began with
     * (as of then), and the cookie gets a new token. Otherwise the caller is asked for a second factor,
     * and the refusal audited; a copied cookie revokes its series.
     */
    public Admission admit(SignedIn afterPassword, String cookie, LoginAttempt attempt) {
        if (!enabled() || cookie == null) {
            return Admission.NONE;
        }
        int dot = cookie.indexOf('.');
        TrustedBrowser browser = dot <= 0 ? null : series(cookie.substring(0, dot));
        long accountId = afterPassword.accountId();
        Instant now = clock.instant();
        if (browser == null) {
            return refused(Reason.TRUSTED_BROWSER_UNKNOWN, attempt, accountId, "no such trusted browser", Admission.REFUSED);
        }
        if (browser.accountId() != accountId) {
            // Another account's trust on a shared browser: theirs to keep, no use to this one.
            return refused(Reason.TRUSTED_BROWSER_UNKNOWN, attempt, accountId, "another account's trusted browser", Admission.NONE);
        }
        // Two uses of one series, one after the other; the account first, as a password change or a
        // factor's removal locks it before they revoke the account's browsers.
        accounts.lock(accountId);
        em.refresh(browser, LockModeType.PESSIMISTIC_WRITE);
        if (browser.isRevoked()) {
            return refused(Reason.TRUSTED_BROWSER_REVOKED, attempt, accountId, "revoked", Admission.REFUSED);
        }
        if (!now.isBefore(browser.expiresAt())) {
            return refused(Reason.TRUSTED_BROWSER_EXPIRED, attempt, accountId, "expired at " + browser.expiresAt(), Admission.REFUSED);
        }
        String digest = Digests.sha256Base64(cookie.substring(dot + 1));
        if (!Digests.same(browser.tokenDigest(), digest)) {
            if (browser.isJustReplaced(digest, now, SAME_BROWSER)) {
                // The same browser a moment later, or a copy used just before it: the second factor is
                // asked, and its proof renews the series, so whichever holds the other token is found
                // out at its next use.
                return refused(Reason.TRUSTED_BROWSER_UNKNOWN, attempt, accountId, "the token the last use replaced, within "
                        + SAME_BROWSER.toSeconds() + " s: the second factor asked, then the series renewed",
                        new Admission(null, null, false, browser.series()));
            }
            // A copy: the series is revoked, and every session of the account ends (the copy's among
            // them, whichever used it first), with its applications' grants.
            browser.revoke("an earlier cookie was used again", now);
            accounts.find(accountId).endSessions(now); // locked above
            authorizations.otherSessionsEnded(accountId, null);
            return refused(Reason.TRUSTED_BROWSER_REUSED, attempt, accountId,
                    "an earlier cookie of this browser was used again: revoked, the account's sessions ended", Admission.REFUSED);
        }
        String next = Digests.randomBase64Url(TOKEN_BYTES);
        browser.used(Digests.sha256Base64(next), attempt.client(), now);
        audit.record(AuditEvent.succeeded(EventType.FIRST_FACTOR_OK, attempt).forAccount(accountId).by(Method.PASSWORD)
                .detail("trusted browser"));
        audit.record(AuditEvent.succeeded(EventType.LOGIN_OK, attempt).forAccount(accountId).by(Method.TRUSTED_BROWSER)
                .detail(browser.method() + " proven " + browser.provenAt()));
        // The second factor as of when the trust began: a step-up asks again. Its method is the trust's
        // own, not the key's or app's: a password and a cookie are not a phishing-resistant sign-in.
        return new Admission(afterPassword.provenAt(browser.provenAt(), Method.TRUSTED_BROWSER),
                new Cookie(cookie.substring(0, dot) + "." + next, browser.expiresAt()), false, null);
    }

    /**
     * A series whose token just replaced came back ({@link Admission#renewAfterSecondFactor}), after
     * the second factor was proven in this login: the series gets a new token, which this browser
     * gets; any other holder's is an older one from now on.
     *
     * @return the new cookie, or null when the series is gone, revoked, expired or another account's
     */
    public Cookie renew(SignedIn who, String series, ClientInfo client) {
        accounts.lock(who.accountId());
        TrustedBrowser browser = series(series);
        if (browser == null || browser.accountId() != who.accountId()) {
            return null;
        }
        em.refresh(browser, LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.instant();
        if (browser.isRevoked() || !now.isBefore(browser.expiresAt())) {
            return null;
        }
        String next = Digests.randomBase64Url(TOKEN_BYTES);
        browser.renewed(Digests.sha256Base64(next), client, now);
        return new Cookie(series + "." + next, browser.expiresAt());
    }

    private TrustedBrowser series(String series) {
        return em.createQuery("select b from TrustedBrowser b where b.series = :series", TrustedBrowser.class)
                .setParameter("series", series)
                .getResultStream().findFirst().orElse(null);
    }

    private Admission refused(Reason reason, LoginAttempt attempt, long accountId, String detail, Admission admission) {
        audit.record(AuditEvent.refused(EventType.TRUSTED_BROWSER_REFUSED, reason, attempt).forAccount(accountId)
                .by(Method.TRUSTED_BROWSER).detail(detail));
        return admission;
    }

    /** The account's trusted browsers, for its security page: not revoked, not expired, the last used first. */
    public List<TrustedBrowserView> list(long accountId) {
        Instant now = clock.instant();
        return live(accountId).stream().filter(b -> now.isBefore(b.expiresAt()))
                .map(TrustedBrowserView::of)
                .sorted((a, b) -> b.lastUsedAt().compareTo(a.lastUsedAt()))
                .toList();
    }

    /** Revokes one of the caller's trusted browsers; audited. */
    public void revoke(SignedIn who, long id, ClientInfo client) {
        TrustedBrowser browser = em.find(TrustedBrowser.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (browser == null || browser.accountId() != who.accountId() || browser.isRevoked()) {
            throw new FactorChangeRefusedException(Reason.FACTOR_NOT_FOUND);
        }
        browser.revoke("revoked by its owner", clock.instant());
        audit.record(AuditEvent.succeeded(EventType.TRUSTED_BROWSER_REVOKED, LoginAttempt.start(who.username(), client))
                .forAccount(who.accountId()).detail("one, by its owner"));
    }

    /**
     * Revokes every trusted browser of the account: by its owner, or because the password changed, a
     * factor was removed, an administrator reset it. Audited once, with why, when there were any.
     *
     * @return how many were revoked
     */
    public int revokeAll(long accountId, String why, LoginAttempt attempt) {
        Instant now = clock.instant();
        List<TrustedBrowser> live = live(accountId);
        live.forEach(browser -> browser.revoke(why, now));
        if (!live.isEmpty()) {
            audit.record(AuditEvent.succeeded(EventType.TRUSTED_BROWSER_REVOKED, attempt).forAccount(accountId)
                    .detail("all " + live.size() + ": " + why));
        }
        return live.size();
    }

    /** The sweeper's: deletes trusts that expired or were revoked before {@code before}. */
    public int purgeEnded(Instant before) {
        return em.createQuery("delete from TrustedBrowser b where b.expiresAt < :before or b.revokedAt < :before")
                .setParameter("before", before)
                .executeUpdate();
    }

    private List<TrustedBrowser> live(long accountId) {
        return em.createQuery("select b from TrustedBrowser b where b.accountId = :account and b.revokedAt is null"
                        + " order by b.createdAt, b.id", TrustedBrowser.class)
                .setParameter("account", accountId)
                .getResultList();
    }
}
