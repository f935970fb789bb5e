package org.twostep.oidc;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.twostep.account.SignedIn;
import org.twostep.audit.Method;

/**
 * An authorization code in flight (RFC 6749 §4.1.2): only its digest is stored, bound to the client,
 * the redirect URI, the PKCE challenge and the nonce, valid for 60 seconds and spent once.
 */
@Entity
@Table(name = "oidc_code")
public class AuthorizationCode {

    public enum State {
        ISSUED,
        REDEEMED,
        /** Redeemed twice: the second redemption revoked what the first one was given (RFC 6749 §4.1.2). */
        REVOKED
    }

    @Id
    @Column(name = "code_digest", length = 64)
    private String codeDigest;

    @Column(name = "client_id", nullable = false, length = 64)
    private String clientId;

    @Column(name = "account_id", nullable = false)
    private long accountId;

    @Column(name = "redirect_uri", nullable = false, length = 2000)
    private String redirectUri;

    @Column(name = "code_challenge", length = 128)
    private String codeChallenge;

    @Column(length = 512)
    private String nonce;

    @Column(nullable = false, length = 512)
    private String scope;

    @Column(name = "auth_time", nullable = false)
    private Instant authTime;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 16)
    private Method method;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 16)
    private State state;

    @Column(nullable = false, length = 512)
    private String issuer;

    /** The TwoStep session the code was issued in. */
    @Column(length = 43)
    private String sid;

    @Column(name = "grant_id", length = 43)
    private String grantId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected AuthorizationCode() {
    }

    AuthorizationCode(String codeDigest, AuthorizationRequest request, SignedIn who, String issuer, Instant now,
                      Instant expiresAt) {
        this.issuer = issuer;
        this.codeDigest = codeDigest;
        this.clientId = request.clientId();
        this.accountId = who.accountId();
        this.sid = who.sessionId();
        this.redirectUri = request.redirectUri();
        this.codeChallenge = request.codeChallenge();
        this.nonce = request.nonce();
        this.scope = request.scope();
        this.authTime = who.secondFactorAt();
        this.method = who.secondFactor();
        this.state = State.ISSUED;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    String clientId() {
        return clientId;
    }

    long accountId() {
        return accountId;
    }

    String redirectUri() {
        return redirectUri;
    }

    String codeChallenge() {
        return codeChallenge;
    }

    String nonce() {
        return nonce;
    }

    String scope() {
        return scope;
    }

    Instant authTime() {
        return authTime;
    }

    Method method() {
        return method;
    }

    String issuer() {
        return issuer;
    }

    String sid() {
        return sid;
    }

    /** The grant the code's redemption opened, or null before it was redeemed. */
    String grantId() {
        return grantId;
    }

    State state() {
        return state;
    }

    boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
