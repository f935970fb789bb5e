package org.twostep.challenge;

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
import org.twostep.refusal.VerificationException;

/**
 * "Password accepted, second factor pending": one per login attempt that passed the first factor.
 * The HTTP session holds only its id. Every use checks {@link #isExpired} itself; the sweeper only
 * tidies up.
 */
@Entity
@Table(name = "pending_challenge")
public class PendingChallenge {

    /** What the second step is: prove an enrolled factor, enroll the first one, or prove one again (step-up). */
    public enum Purpose {
        SECOND_FACTOR,
        ENROLLMENT,
        STEP_UP,
        /** A step-up that only a security key or passkey can prove: an application asked for {@code acr} {@code phr}. */
        STEP_UP_KEY
    }

    public enum State {
        PENDING,
        CONSUMED,
        EXPIRED,
        LOCKED
    }

    /** Random (122 bits), so an id cannot be guessed from another. */
    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "account_id", nullable = false)
    private long accountId;

    @Column(nullable = false, length = 100)
    private String username;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 16)
    private Purpose purpose;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 16)
    private State state;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "correlation_id", nullable = false, length = 36)
    private String correlationId;

    @Column(name = "enrollment_id")
    private Long enrollmentId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected PendingChallenge() {
    }

    PendingChallenge(long accountId, String username, Purpose purpose, String correlationId, Instant now, Instant expiresAt) {
        this.id = UUID.randomUUID().toString();
        this.accountId = accountId;
        this.username = username;
        this.purpose = purpose;
        this.state = State.PENDING;
        this.correlationId = correlationId;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /**
     * Why this challenge cannot be used at {@code now}, or null when it can. A pending challenge
     * past its time to live is marked expired as this finds out.
     */
    VerificationException refusalAt(Instant now) {
        VerificationException refusal = switch (state) {
            case PENDING -> null;
            case EXPIRED -> new ChallengeExpiredException();
            case LOCKED -> new TooManyAttemptsException();
            case CONSUMED -> new NoPendingChallengeException();
        };
        if (refusal == null && isExpired(now)) {
            expire(now);
            return new ChallengeExpiredException();
        }
        return refusal;
    }

    void expire(Instant now) {
        finish(State.EXPIRED, now);
    }

    void consume(Instant now) {
        finish(State.CONSUMED, now);
    }

    /** Counts a failed attempt; at the limit the challenge is locked and the user starts again. */
    boolean countFailure(int maxAttempts, Instant now) {
        attempts++;
        if (attempts >= maxAttempts) {
            lock(now);
            return true;
        }
        return false;
    }

    private void lock(Instant now) {
        finish(State.LOCKED, now);
    }

    private void finish(State state, Instant now) {
        this.state = state;
        this.finishedAt = now;
    }

    void startEnrollment(long enrollmentId) {
        this.enrollmentId = enrollmentId;
    }

    public String id() {
        return id;
    }

    public long accountId() {
        return accountId;
    }

    public String username() {
        return username;
    }

    public Purpose purpose() {
        return purpose;
    }

    public State state() {
        return state;
    }

    public int attempts() {
        return attempts;
    }

    public String correlationId() {
        return correlationId;
    }

    Long enrollmentId() {
        return enrollmentId;
    }

    Instant createdAt() {
        return createdAt;
    }
}
