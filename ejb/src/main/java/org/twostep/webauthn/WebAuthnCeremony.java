package org.twostep.webauthn;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One WebAuthn ceremony in flight: the random challenge the browser must sign, what it is for, and
 * for whom. Used once (a conditional update from {@code OPEN} decides), and only until it expires.
 */
@Entity
@Table(name = "webauthn_ceremony")
public class WebAuthnCeremony {

    public enum Purpose {
        /** A signed-in account adds a security key or passkey. */
        REGISTRATION,
        /** The second step of a login whose password was accepted. */
        SECOND_FACTOR,
        /** A passkey signs in on its own: possession plus user verification. */
        PASSKEY
    }

    public enum State {
        OPEN,
        USED
    }

    @Id
    @Column(length = 36)
    private String id;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 16)
    private Purpose purpose;

    @Column(nullable = false, length = 64)
    private String challenge;

    @Column(name = "account_id")
    private Long accountId;

    @Column(name = "pending_challenge_id", length = 36)
    private String pendingChallengeId;

    @Column(name = "user_verification", nullable = false)
    private boolean userVerification;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 16)
    private State state;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected WebAuthnCeremony() {
    }

    WebAuthnCeremony(Purpose purpose, String challenge, Long accountId, String pendingChallengeId,
                     boolean userVerification, Instant now, Instant expiresAt) {
        this.id = UUID.randomUUID().toString();
        this.purpose = purpose;
        this.challenge = challenge;
        this.accountId = accountId;
        this.pendingChallengeId = pendingChallengeId;
        this.userVerification = userVerification;
        this.state = State.OPEN;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    public String id() {
        return id;
    }

    Purpose purpose() {
        return purpose;
    }

    String challenge() {
        return challenge;
    }

    Long accountId() {
        return accountId;
    }

    String pendingChallengeId() {
        return pendingChallengeId;
    }

    boolean userVerification() {
        return userVerification;
    }
}
