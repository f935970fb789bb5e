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

/**
 * What one redeemed code gave one client in one TwoStep session ({@code sid}): the scope, and when
 * and how the second factor was proven. Its refresh tokens renew it until it is revoked (the session
 * signed out, a code or refresh token used twice) or reaches its end; its id is the {@code jti} of
 * the access tokens issued under it, so that the userinfo endpoint can tell a revoked one.
 */
@Entity
@Table(name = "oidc_grant")
public class SessionGrant {

    public enum State {
        ACTIVE,
        REVOKED
    }

    @Id
    @Column(length = 43)
    private String id;

    @Embedded
    private Authorization authorization;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 16)
    private State state;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected SessionGrant() {
    }

    SessionGrant(String id, AuthorizationCode code, Instant now, Instant expiresAt) {
        this.id = id;
        this.authorization = code.authorization().copy();
        this.state = State.ACTIVE;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    String id() {
        return id;
    }

    /** What the sign-in authorized, as the code carried it. */
    Authorization authorization() {
        return authorization;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    /** Whether tokens issued under it still count. */
    boolean isActiveAt(Instant now) {
        return state == State.ACTIVE && now.isBefore(expiresAt);
    }
}
