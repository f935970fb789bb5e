package org.twostep.oidc;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.twostep.account.SignedIn;

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

    @Embedded
    private Authorization authorization;

    @Column(name = "redirect_uri", nullable = false, length = 2000)
    private String redirectUri;

    @Column(name = "code_challenge", length = 128)
    private String codeChallenge;

    @Column(length = 512)
    private String nonce;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 16)
    private State state;

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
        this.codeDigest = codeDigest;
        this.authorization = new Authorization(request.clientId(), who, request.scope(), issuer);
        this.redirectUri = request.redirectUri();
        this.codeChallenge = request.codeChallenge();
        this.nonce = request.nonce();
        this.state = State.ISSUED;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    /** Who signed in, for which client, in which session, with what scope, proven when and how. */
    Authorization authorization() {
        return authorization;
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
