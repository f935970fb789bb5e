package org.twostep.trust;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.twostep.audit.ClientInfo;
import org.twostep.audit.Method;

/**
 * A browser its owner asked TwoStep not to ask for a second factor again, until {@code expiresAt}.
 * One row per series: the cookie names the series and carries a token, of which only the SHA-256
 * is kept and which is replaced at every use, so a copy of an older cookie is told from the browser
 * that holds the current one.
 */
@Entity
@Table(name = "trusted_browser")
public class TrustedBrowser {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 43)
    private String series;

    @Column(name = "token_digest", nullable = false, length = 64)
    private String tokenDigest;

    @Column(name = "previous_digest", length = 64)
    private String previousDigest;

    @Column(name = "rotated_at")
    private Instant rotatedAt;

    @Column(name = "account_id", nullable = false)
    private long accountId;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 16)
    private Method method;

    @Column(name = "proven_at", nullable = false)
    private Instant provenAt;

    @Column(name = "user_agent", length = 255)
    private String userAgent;

    @Column(name = "first_address", length = 64)
    private String firstAddress;

    @Column(name = "last_address", length = 64)
    private String lastAddress;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at", nullable = false)
    private Instant lastUsedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "revoked_why", length = 64)
    private String revokedWhy;

    protected TrustedBrowser() {
    }

    TrustedBrowser(long accountId, String series, String tokenDigest, Method method, Instant provenAt, ClientInfo client,
                   Instant now, Instant expiresAt) {
        this.accountId = accountId;
        this.series = series;
        this.tokenDigest = tokenDigest;
        this.method = method;
        this.provenAt = provenAt;
        this.userAgent = client.userAgent();
        this.firstAddress = client.address();
        this.lastAddress = client.address();
        this.createdAt = now;
        this.lastUsedAt = now;
        this.expiresAt = expiresAt;
    }

    Long id() {
        return id;
    }

    String series() {
        return series;
    }

    long accountId() {
        return accountId;
    }

    String tokenDigest() {
        return tokenDigest;
    }

    /** Whether this is the token the last use replaced, presented within {@code grace} of that use. */
    boolean isJustReplaced(String digest, Instant now, java.time.Duration grace) {
        return previousDigest != null && rotatedAt != null && now.isBefore(rotatedAt.plus(grace))
                && org.twostep.crypto.Digests.same(previousDigest, digest);
    }

    Method method() {
        return method;
    }

    Instant provenAt() {
        return provenAt;
    }

    String userAgent() {
        return userAgent;
    }

    String lastAddress() {
        return lastAddress;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant lastUsedAt() {
        return lastUsedAt;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    boolean isRevoked() {
        return revokedAt != null;
    }

    /** Used again: the next cookie's token replaces this one's. */
    void used(String nextTokenDigest, ClientInfo client, Instant now) {
        this.previousDigest = tokenDigest;
        this.rotatedAt = now;
        this.tokenDigest = nextTokenDigest;
        this.lastAddress = client.address();
        this.lastUsedAt = now;
    }

    /**
     * Renewed after a second factor, for a browser that came back with the token before the current
     * one: the current one is no one's to use again, so no grace is left for it.
     */
    void renewed(String nextTokenDigest, ClientInfo client, Instant now) {
        used(nextTokenDigest, client, now);
        this.previousDigest = null;
    }

    void revoke(String why, Instant now) {
        if (revokedAt == null) {
            this.revokedAt = now;
            this.revokedWhy = why;
        }
    }
}
