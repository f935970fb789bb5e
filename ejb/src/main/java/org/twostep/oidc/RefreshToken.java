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

/**
 * A refresh token of a {@link SessionGrant} (only its digest is stored): used once, for the next
 * tokens and the next refresh token (rotation); a second use revokes the grant.
 */
@Entity
@Table(name = "oidc_refresh_token")
public class RefreshToken {

    public enum State {
        ACTIVE,
        USED
    }

    @Id
    @Column(name = "token_digest", length = 64)
    private String tokenDigest;

    @Column(name = "grant_id", nullable = false, length = 43)
    private String grantId;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 16)
    private State state;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected RefreshToken() {
    }

    RefreshToken(String tokenDigest, String grantId, Instant now, Instant expiresAt) {
        this.tokenDigest = tokenDigest;
        this.grantId = grantId;
        this.state = State.ACTIVE;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

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
