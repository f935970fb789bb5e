package org.twostep.oidc;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.twostep.account.Account;
import org.twostep.account.Accounts;
import org.twostep.account.SignedIn;
import org.twostep.audit.AuditEvent;
import org.twostep.audit.AuditLog;
import org.twostep.audit.ClientInfo;
import org.twostep.audit.EventType;
import org.twostep.audit.LoginAttempt;
import org.twostep.config.Settings;
import org.twostep.crypto.Digests;
import org.twostep.factors.SecondFactors;
import org.twostep.refusal.Reason;

/**
 * The authorization code flow (OpenID Connect Core §3.1), as a checklist in the spec's order:
 * the client and its redirect URI first (nothing is ever sent to an unregistered address), then the
 * request; a signed-in caller gets a one-time code; the client redeems it for tokens once.
 *
 * <pre>{@code
 * authorizations.checkClient(clientId, redirectUri, client);          // an error page at TwoStep if not
 * AuthorizationRequest request = authorizations.check(parameters, client); // errors go back to the client
 * String code = authorizations.issue(request, who, issuer, client);
 * TokenResponse tokens = authorizations.redeem(tokenRequest, client);
 * }</pre>
 *
 * Every refusal is audited ({@code OIDC_REFUSED}) with its reason and the client id.
 */
@Stateless
public class Authorizations {

    /** How long a code may wait to be redeemed. */
    public static final Duration CODE_LIFETIME = Duration.ofSeconds(60);

    /** The scopes TwoStep grants (Core §5.4); others asked for are left out of the grant. */
    static final List<String> SCOPES = List.of("openid", "profile", "email");

    /** The {@code prompt} values TwoStep answers (Core §3.1.2.1); {@code select_account} is not one. */
    private static final List<String> PROMPTS = List.of("none", "login", "consent");

    @EJB
    OidcClients clients;

    @EJB
    Accounts accounts;

    @EJB
    AuditLog audit;

    @EJB
    SecondFactors factors;

    @Inject
    Tokens tokens;

    @Inject
    Grants grants;

    @EJB
    BackChannelLogout backChannel;

    @Inject
    Settings settings;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** The parameters of an authorization request as they arrived (OpenID Connect Core §3.1.2.1). */
    public record Parameters(String clientId, String redirectUri, String responseType, String scope, String state,
                             String nonce, String codeChallenge, String codeChallengeMethod, String prompt, String maxAge,
                             String acrValues) {
    }

    /** A token request as it arrived (RFC 6749 §4.1.3, §6); the secret from Basic or the form, or null. */
    public record TokenRequest(String grantType, String code, String redirectUri, String clientId, String clientSecret,
                               String codeVerifier, String refreshToken) {
    }

    /** What the token endpoint answers (RFC 6749 §5.1, OpenID Connect Core §3.1.3.3, §12.2). */
    public record TokenResponse(String accessToken, String idToken, String refreshToken, long expiresIn, String scope) {
    }

    /**
     * RFC 6749 §4.1.2.1: with an unknown client or a redirect URI it did not register (compared to the
     * letter), the request is refused here and never redirected.
     *
     * @throws OidcException {@code OIDC_UNKNOWN_CLIENT} or {@code OIDC_REDIRECT_URI_MISMATCH}
     */
    public OidcClient checkClient(String clientId, String redirectUri, ClientInfo client) {
        OidcClient registered = clients.find(clientId);
        if (registered == null) {
            throw refused(new OidcException("invalid_request", Reason.OIDC_UNKNOWN_CLIENT, "unknown client"), clientId, client);
        }
        if (redirectUri == null || !registered.redirectUris().contains(redirectUri)) {
            throw refused(new OidcException("invalid_request", Reason.OIDC_REDIRECT_URI_MISMATCH,
                    "redirect_uri is not registered for this client"), clientId, client);
        }
        return registered;
    }

    /** The rest of the checklist, for a client and redirect URI that passed {@link #checkClient}; errors go back to the client. */
    public AuthorizationRequest check(Parameters p, ClientInfo client) {
        OidcClient registered = checkClient(p.clientId(), p.redirectUri(), client);
        // Core §3.1.2.1: only the code flow.
        if (!"code".equals(p.responseType())) {
            throw refused(new OidcException("unsupported_response_type", Reason.OIDC_INVALID_REQUEST,
                    "only response_type=code is supported"), p.clientId(), client);
        }
        // Core §3.1.2.1: an OpenID request has the openid scope; of the others, TwoStep grants those it knows.
        if (p.scope() == null || !List.of(p.scope().split(" ")).contains("openid")) {
            throw refused(new OidcException("invalid_scope", Reason.OIDC_INVALID_REQUEST, "scope must include openid"),
                    p.clientId(), client);
        }
        String scope = String.join(" ", List.of(p.scope().split(" ")).stream().filter(SCOPES::contains).distinct().toList());
        // RFC 7636 §4.3, §7.2: S256 only; a public client must use it.
        if (p.codeChallenge() != null && !"S256".equals(p.codeChallengeMethod())) {
            throw refused(OidcException.invalidRequest("code_challenge_method must be S256"), p.clientId(), client);
        }
        if (p.codeChallenge() != null && !p.codeChallenge().matches("[A-Za-z0-9_-]{43}")) {
            throw refused(OidcException.invalidRequest("code_challenge must be a base64url SHA-256"), p.clientId(), client);
        }
        if (p.codeChallenge() == null && !registered.confidential()) {
            throw refused(new OidcException("invalid_request", Reason.OIDC_PKCE_MISMATCH, "a public client must use PKCE"),
                    p.clientId(), client);
        }
        // Core §3.1.2.1: prompt=none is answered without a page; prompt=login proves the second factor again,
        // as max_age=0 does; consent is given when an administrator registers the client. none goes alone.
        List<String> prompts = p.prompt() == null ? List.of() : List.of(p.prompt().split(" "));
        if (!PROMPTS.containsAll(prompts) || prompts.contains("none") && prompts.size() > 1) {
            throw refused(OidcException.invalidRequest("prompt is none, or any of login and consent"), p.clientId(), client);
        }
        // Core §3.1.2.1: max_age, a number of seconds; the client's own limit, if stricter, wins.
        Integer maxAge = null;
        if (p.maxAge() != null) {
            if (!p.maxAge().matches("[0-9]{1,9}")) {
                throw refused(OidcException.invalidRequest("max_age is a number of seconds"), p.clientId(), client);
            }
            maxAge = Integer.valueOf(p.maxAge());
        }
        maxAge = stricter(stricter(maxAge, registered.defaultMaxAge()), prompts.contains("login") ? 0 : null);
        // acr_values is a list of what the client would accept: phr is required only when nothing else is,
        // or when the client is registered to take nothing else.
        List<String> acrs = p.acrValues() == null ? List.of() : List.of(p.acrValues().split(" "));
        boolean phishingResistant = registered.requiresPhishingResistant()
                || acrs.contains(Assurance.PHISHING_RESISTANT) && !acrs.contains(Assurance.ANY_SECOND_FACTOR);
        if (p.nonce() != null && p.nonce().length() > 512 || p.state() != null && p.state().length() > 2048) {
            throw refused(OidcException.invalidRequest("nonce or state is too long"), p.clientId(), client);
        }
        return new AuthorizationRequest(p.clientId(), p.redirectUri(), p.state(), p.nonce(), scope, p.codeChallenge(),
                prompts.contains("none"), maxAge, phishingResistant);
    }

    /** What a signed-in caller's session is worth to this request. */
    public enum Assured {
        /** The caller is in none of the groups the client is for: a page at TwoStep says so. */
        NO_ACCESS,
        /** Issue the code. */
        ENOUGH,
        /** Prove a second factor again first (the step-up state), then come back. */
        STEP_UP,
        /** It cannot be: a security key or passkey was asked for, and the caller has none or did not use one. */
        UNMET
    }

    /**
     * Core §3.1.2.1 {@code max_age} and {@code acr_values=phr}: whether the caller's second factor is
     * recent and strong enough, or needs proving again (second factor only). {@code stepUpStarted}:
     * when a login or step-up for this very request began (null if none did); a second factor proven
     * since, while that challenge could still live, counts as fresh whatever {@code max_age}.
     */
    public Assured assurance(AuthorizationRequest request, SignedIn who, Instant stepUpStarted) {
        Account account = accounts.find(who.accountId());
        OidcClient registered = clients.find(request.clientId());
        if (account == null || registered == null || !registered.admits(account.groups())) {
            return Assured.NO_ACCESS;
        }
        boolean stepUpLive = stepUpStarted != null && stepUpStarted.plus(settings.challengeTtl()).isAfter(clock.instant());
        boolean steppedUp = stepUpLive && who.secondFactorAt() != null && !who.secondFactorAt().isBefore(stepUpStarted);
        boolean strongEnough = !request.phishingResistant()
                || Assurance.PHISHING_RESISTANT.equals(Assurance.acr(who.secondFactor()));
        boolean recentEnough = steppedUp || request.maxAge() == null || who.secondFactorAt() != null
                && !clock.instant().isAfter(who.secondFactorAt().plusSeconds(request.maxAge()));
        if (strongEnough && recentEnough) {
            return Assured.ENOUGH;
        }
        if (!strongEnough && (steppedUp || !factors.options(who.accountId()).securityKey())) {
            return Assured.UNMET;
        }
        return Assured.STEP_UP;
    }

    /** The caller may not use this client: Core §3.1.2.6 {@code access_denied}, audited. */
    public OidcException noAccess(AuthorizationRequest request, SignedIn who, ClientInfo client) {
        return refused(new OidcException("access_denied", Reason.OIDC_NO_ACCESS, "the account may not use this application"),
                request.clientId(), who, client);
    }

    /** {@code acr_values=phr} cannot be met: the error goes back to the client (OpenID Connect Core errata, §3.1.2.6), audited. */
    public OidcException unmet(AuthorizationRequest request, SignedIn who, ClientInfo client) {
        return refused(new OidcException("unmet_authentication_requirements", Reason.OIDC_UNMET_ACR,
                "a security key or passkey is required"), request.clientId(), who, client);
    }

    /** {@code prompt=none} and a step-up needed: Core §3.1.2.6 {@code interaction_required}, audited. */
    public OidcException interactionRequired(AuthorizationRequest request, ClientInfo client) {
        return refused(new OidcException("interaction_required", Reason.OIDC_LOGIN_REQUIRED,
                "the second factor must be proven again"), request.clientId(), client);
    }

    /** {@code prompt=none} and nobody signed in: Core §3.1.2.6 {@code login_required}, audited. */
    public OidcException loginRequired(AuthorizationRequest request, ClientInfo client) {
        return refused(new OidcException("login_required", Reason.OIDC_LOGIN_REQUIRED, "nobody is signed in"),
                request.clientId(), client);
    }

    /**
     * Issues a one-time code (256 random bits; only its digest is stored) for the signed-in caller;
     * the tokens it is redeemed for name the issuer it was issued under.
     */
    public String issue(AuthorizationRequest request, SignedIn who, String issuer, ClientInfo client) {
        String code = Digests.randomBase64Url(32);
        Instant now = clock.instant();
        em.persist(new AuthorizationCode(Digests.sha256Base64Url(code), request, who, issuer, now, now.plus(CODE_LIFETIME)));
        audit.record(AuditEvent.succeeded(EventType.OIDC_CODE_ISSUED, LoginAttempt.resume(null, who.username(), client))
                .forAccount(who.accountId()).by(who.secondFactor()).detail("client=" + request.clientId()));
        return code;
    }

    /**
     * RFC 6749 §4.1.3 and OpenID Connect Core §3.1.3.2, in order: the grant type, the client's
     * authentication, the code (issued to this client, for this redirect URI, with this PKCE verifier,
     * within its 60 seconds), then its single use: of concurrent redemptions one wins; a later one
     * revokes what the first was given.
     */
    public TokenResponse redeem(TokenRequest t, ClientInfo client) {
        if (!"authorization_code".equals(t.grantType()) && !"refresh_token".equals(t.grantType())) {
            throw refused(new OidcException("unsupported_grant_type", Reason.OIDC_INVALID_REQUEST,
                    "grant_type is authorization_code or refresh_token"), t.clientId(), client);
        }
        OidcClient authenticated;
        try {
            authenticated = clients.authenticate(t.clientId(), t.clientSecret());
        } catch (OidcException e) {
            throw refused(e, t.clientId(), client);
        }
        if ("refresh_token".equals(t.grantType())) {
            return refresh(t, authenticated, client);
        }
        String digest = t.code() == null ? null : Digests.sha256Base64Url(t.code());
        AuthorizationCode code = digest == null ? null : em.find(AuthorizationCode.class, digest);
        if (code == null || code.isExpired(clock.instant()) && code.state() == AuthorizationCode.State.ISSUED) {
            throw refused(OidcException.invalidGrant(Reason.OIDC_CODE_EXPIRED, "the code is unknown or expired"),
                    t.clientId(), client);
        }
        if (!code.authorization().clientId().equals(authenticated.clientId()) || !code.redirectUri().equals(t.redirectUri())) {
            throw refused(OidcException.invalidGrant(Reason.OIDC_CODE_MISMATCH,
                    "the code was issued to another client or for another redirect_uri"), t.clientId(), client);
        }
        // RFC 7636 §4.1, §4.6; RFC 9700 §2.1.1: a verifier for a code issued without a challenge is refused too.
        boolean verifierWellFormed = t.codeVerifier() == null || t.codeVerifier().matches("[A-Za-z0-9._~-]{43,128}");
        if (!verifierWellFormed || code.codeChallenge() == null && t.codeVerifier() != null
                || code.codeChallenge() != null && (t.codeVerifier() == null
                || !Digests.same(code.codeChallenge(), Digests.sha256Base64Url(t.codeVerifier())))) {
            throw refused(OidcException.invalidGrant(Reason.OIDC_PKCE_MISMATCH, "the code_verifier does not match"),
                    t.clientId(), client);
        }
        if (!spend(digest)) {
            revoke(digest);
            throw refused(OidcException.invalidGrant(Reason.OIDC_CODE_REPLAYED, "the code was redeemed already"),
                    t.clientId(), client);
        }
        Account account = accounts.lock(code.authorization().accountId()); // its subject is made once, whatever runs beside
        if (account == null || !account.isActive()) {
            throw refused(OidcException.invalidGrant(Reason.ACCOUNT_DISABLED, "the account is disabled"), t.clientId(), client);
        }
        Grants.Opened opened = grants.open(code);
        em.createQuery("update AuthorizationCode c set c.grantId = :grant where c.codeDigest = :digest")
                .setParameter("grant", opened.grant().id())
                .setParameter("digest", digest)
                .executeUpdate(); // a later replay of the code revokes this grant
        audit.record(AuditEvent.succeeded(EventType.OIDC_TOKEN_ISSUED, LoginAttempt.resume(null, account.username(), client))
                .forAccount(account.id()).by(code.authorization().method()).detail("client=" + code.authorization().clientId()));
        return tokensFor(opened, account, code.nonce(), authenticated);
    }

    /**
     * RFC 6749 §6 and OpenID Connect Core §12: new tokens for a refresh token (spent, and replaced by a
     * new one), for a client that still admits the account; the ID token tells the original sign-in's
     * {@code auth_time}, {@code acr} and {@code amr}, and the account's groups as they are now.
     */
    private TokenResponse refresh(TokenRequest t, OidcClient authenticated, ClientInfo client) {
        Grants.Opened renewed;
        try {
            renewed = grants.refresh(t.refreshToken(), authenticated);
        } catch (OidcException e) {
            throw refused(e, t.clientId(), client);
        }
        Account account = accounts.find(renewed.grant().authorization().accountId());
        if (account == null || !account.isActive() || !authenticated.admits(account.groups())) {
            grants.revoke(renewed.grant().id());
            boolean disabled = account == null || !account.isActive();
            throw refused(OidcException.invalidGrant(disabled ? Reason.ACCOUNT_DISABLED : Reason.OIDC_NO_ACCESS,
                    disabled ? "the account is disabled" : "the account may no longer use this application"), t.clientId(), client);
        }
        audit.record(AuditEvent.succeeded(EventType.OIDC_TOKEN_REFRESHED, LoginAttempt.resume(null, account.username(), client))
                .forAccount(account.id()).by(renewed.grant().authorization().method()).detail("client=" + authenticated.clientId()));
        return tokensFor(renewed, account, null, authenticated);
    }

    /** The token response for a grant: signed under the issuer the grant's code was issued under. */
    private TokenResponse tokensFor(Grants.Opened opened, Account account, String nonce, OidcClient client) {
        SessionGrant grant = opened.grant();
        Authorization granted = grant.authorization();
        Tokens.Person person = new Tokens.Person(account.oidcSubject(), account.username(), account.displayName(),
                account.email(), account.groups());
        Tokens.Grant claims = new Tokens.Grant(granted.clientId(), nonce, granted.scope(), granted.authTime(), granted.method(),
                grant.id(), granted.sid());
        return new TokenResponse(tokens.accessToken(granted.issuer(), claims, person),
                tokens.idToken(granted.issuer(), claims, person, client.idTokenAlgorithm()),
                opened.refreshToken(), settings.oidcTokenLifetime().toSeconds(), granted.scope());
    }

    /** The claims the userinfo endpoint answers with, for a valid access token whose code was not revoked. */
    public Map<String, Object> userinfo(String issuer, String accessToken) {
        var claims = tokens.verifyAccessToken(issuer, accessToken);
        SessionGrant grant = em.find(SessionGrant.class, claims.getJWTID());
        Account account = grant == null ? null : accounts.find(grant.authorization().accountId());
        if (grant == null || !grants.isActive(grant.id()) || account == null || !account.isActive()
                || !account.oidcSubject().equals(claims.getSubject())) {
            throw new OidcException("invalid_token", Reason.OIDC_CODE_REPLAYED, "the access token was revoked");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sub", account.oidcSubject());
        answer.put("preferred_username", account.username());
        answer.put("groups", List.copyOf(account.groups()));
        List<String> scopes = List.of(grant.authorization().scope().split(" "));
        if (scopes.contains("profile")) {
            answer.put("name", account.displayName());
        }
        if (scopes.contains("email") && account.email() != null) {
            answer.put("email", account.email());
        }
        return answer;
    }

    /** What RP-initiated logout may do: end the session when the client proved who asks, and where to go then (or null). */
    public record Logout(boolean confirmed, String redirectUri) {
    }

    /**
     * RP-Initiated Logout 1.0 §2, §3: the client is the {@code id_token_hint}'s audience (an ID token
     * TwoStep issued; expired is fine) or {@code client_id}, the two agreeing; a
     * {@code post_logout_redirect_uri} must be one it registered, to the letter, else nothing is
     * redirected. Without a valid hint the logout is not confirmed: the person decides at TwoStep.
     */
    public Logout logout(String idTokenHint, String clientId, String postLogoutRedirectUri, String issuer, SignedIn who,
                         ClientInfo client) {
        var hint = idTokenHint == null ? null : tokens.idTokenHint(issuer, idTokenHint);
        if (idTokenHint != null && hint == null) {
            throw refused(OidcException.invalidRequest("id_token_hint is not an ID token of TwoStep's"), clientId, client);
        }
        String hinted = hint == null ? null : hint.getAudience().get(0);
        if (hinted != null && clientId != null && !hinted.equals(clientId)) {
            throw refused(OidcException.invalidRequest("client_id is not the id_token_hint's audience"), clientId, client);
        }
        String named = hinted != null ? hinted : clientId;
        // The hint must be about the caller signed in here: anybody's old ID token in a link on another site
        // confirms nothing.
        Account account = who == null || hint == null ? null : accounts.find(who.accountId());
        boolean confirmed = account != null && account.oidcSubject().equals(hint.getSubject());
        if (postLogoutRedirectUri == null) {
            return new Logout(confirmed, null);
        }
        OidcClient registered = clients.find(named);
        if (registered == null) {
            throw refused(new OidcException("invalid_request", Reason.OIDC_UNKNOWN_CLIENT, "unknown client"), named, client);
        }
        if (!registered.postLogoutRedirectUris().contains(postLogoutRedirectUri)) {
            throw refused(new OidcException("invalid_request", Reason.OIDC_REDIRECT_URI_MISMATCH,
                    "post_logout_redirect_uri is not registered for this client"), named, client);
        }
        return new Logout(confirmed, postLogoutRedirectUri);
    }

    /** Deletes codes that expired before {@code before}: redeemed or not, they serve no one (the sweeper's work). */
    public int purgeExpired(Instant before) {
        return em.createQuery("delete from AuthorizationCode c where c.expiresAt < :before")
                .setParameter("before", before)
                .executeUpdate();
    }

    /** The conditional update that decides which redemption wins. */
    private boolean spend(String digest) {
        return em.createQuery("update AuthorizationCode c set c.state = :redeemed where c.codeDigest = :digest"
                        + " and c.state = :issued and c.expiresAt > :now")
                .setParameter("redeemed", AuthorizationCode.State.REDEEMED)
                .setParameter("issued", AuthorizationCode.State.ISSUED)
                .setParameter("digest", digest)
                .setParameter("now", clock.instant())
                .executeUpdate() == 1;
    }

    /** A code redeemed twice: it is marked, and what its first redemption was given stops counting. */
    private void revoke(String digest) {
        em.createQuery("update AuthorizationCode c set c.state = :revoked where c.codeDigest = :digest")
                .setParameter("revoked", AuthorizationCode.State.REVOKED)
                .setParameter("digest", digest)
                .executeUpdate();
        em.createQuery("select c.grantId from AuthorizationCode c where c.codeDigest = :digest", String.class)
                .setParameter("digest", digest)
                .getResultStream()
                .filter(Objects::nonNull)
                .forEach(grants::revoke);
    }

    /**
     * A TwoStep session ended (signed out): every grant made in it is revoked, so no application can
     * refresh its tokens, and each application with a back-channel logout URI is told, in the background.
     */
    public void sessionEnded(String sid) {
        List<BackChannelLogout.Notice> notices = new ArrayList<>();
        Set<String> told = new HashSet<>();
        for (SessionGrant grant : grants.endSession(sid)) {
            Authorization ended = grant.authorization();
            OidcClient registered = clients.find(ended.clientId());
            Account account = accounts.find(ended.accountId());
            if (registered != null && registered.backChannelLogoutUri() != null && account != null && told.add(ended.clientId())) {
                notices.add(new BackChannelLogout.Notice(registered.clientId(), registered.backChannelLogoutUri(),
                        account.id(), account.username(),
                        tokens.logoutToken(ended.issuer(), registered.clientId(), account.oidcSubject(), sid,
                                registered.idTokenAlgorithm())));
            }
        }
        if (!notices.isEmpty()) {
            backChannel.tell(notices);
        }
    }

    /** Every session of the account but {@code keptSid} ended (a password change): as {@link #sessionEnded} for each. */
    public void otherSessionsEnded(long accountId, String keptSid) {
        for (String sid : grants.activeSessions(accountId)) {
            if (!sid.equals(keptSid)) {
                sessionEnded(sid);
            }
        }
    }

    /**
     * An application's own sign-out from the server (WildFly's OIDC client POSTs its refresh token to
     * the end-session endpoint when the application calls {@code request.logout()}): the grant of that
     * refresh token ends; TwoStep's session and the other applications' grants go on.
     *
     * @throws OidcException {@code invalid_client} when the client does not authenticate
     */
    public void endGrant(String clientId, String secret, String refreshToken, ClientInfo client) {
        OidcClient authenticated;
        try {
            authenticated = clients.authenticate(clientId, secret);
        } catch (OidcException e) {
            throw refused(e, clientId, client);
        }
        SessionGrant grant = grants.ofRefreshToken(refreshToken, authenticated);
        if (grant != null) {
            grants.revoke(grant.id());
            Account account = accounts.find(grant.authorization().accountId());
            audit.record(AuditEvent.succeeded(EventType.OIDC_GRANT_ENDED,
                            LoginAttempt.resume(null, account == null ? null : account.username(), client))
                    .forAccount(grant.authorization().accountId()).detail("client=" + authenticated.clientId()));
        }
    }

    /** A refusal the endpoints find themselves (a parameter sent twice, malformed client credentials), audited like the others. */
    public OidcException refusedAtTheDoor(OidcException e, String clientId, ClientInfo client) {
        return refused(e, clientId, client);
    }

    private OidcException refused(OidcException e, String clientId, ClientInfo client) {
        return refused(e, clientId, null, client);
    }

    /** Audited for the signed-in caller, when there is one. */
    private OidcException refused(OidcException e, String clientId, SignedIn who, ClientInfo client) {
        audit.refusal(AuditEvent.refused(EventType.OIDC_REFUSED, e.reason(),
                        LoginAttempt.resume(null, who == null ? null : who.username(), client))
                .forAccount(who == null ? null : who.accountId())
                .detail("client=" + safe(clientId) + "; " + e.error()));
        return e;
    }

    /** The smaller of two limits, either of which may be absent (null). */
    private static Integer stricter(Integer a, Integer b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return Integer.valueOf(Math.min(a, b));
    }

    /** Client-supplied text in an audit detail or a description: bounded, printable. */
    private static String safe(String text) {
        if (text == null) {
            return "-";
        }
        String printable = text.replaceAll("[^A-Za-z0-9._:/ -]", "?");
        return printable.substring(0, Math.min(64, printable.length()));
    }
}
