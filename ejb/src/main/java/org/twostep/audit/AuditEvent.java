package org.twostep.audit;

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
import org.twostep.refusal.Reason;
import org.hibernate.type.SqlTypes;

/**
 * One row of the audit trail: what happened, to whom, from where, and why it was refused. Written
 * for every login step; never holds a password, code or secret.
 *
 * <pre>{@code
 * audit.refusal(AuditEvent.refused(EventType.SECOND_FACTOR_FAILED, Reason.TOTP_REPLAYED, attempt)
 *         .forAccount(accountId).by(Method.TOTP));
 * }</pre>
 */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 32)
    private EventType type;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 8)
    private Outcome outcome;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 32)
    private Reason reason;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(length = 16)
    private Method method;

    @Column(length = 100)
    private String username;

    @Column(name = "account_id")
    private Long accountId;

    @Column(length = 255)
    private String detail;

    @Column(name = "client_address", length = 64)
    private String clientAddress;

    @Column(name = "user_agent", length = 255)
    private String userAgent;

    @Column(name = "correlation_id", length = 36)
    private String correlationId;

    protected AuditEvent() {
    }

    private AuditEvent(EventType type, Outcome outcome, Reason reason, LoginAttempt attempt) {
        this.type = type;
        this.outcome = outcome;
        this.reason = reason;
        if (attempt != null) {
            this.username = attempt.typedUsername();
            this.correlationId = attempt.correlationId();
            if (attempt.client() != null) {
                this.clientAddress = attempt.client().address();
                this.userAgent = attempt.client().userAgent();
            }
        }
    }

    public static AuditEvent succeeded(EventType type, LoginAttempt attempt) {
        return new AuditEvent(type, Outcome.SUCCESS, Reason.NONE, attempt);
    }

    public static AuditEvent refused(EventType type, Reason reason, LoginAttempt attempt) {
        return new AuditEvent(type, Outcome.FAILURE, reason, attempt);
    }

    public AuditEvent forAccount(Long accountId) {
        this.accountId = accountId;
        return this;
    }

    public AuditEvent by(Method method) {
        this.method = method;
        return this;
    }

    /** A short, non-secret note: an offset in seconds, an attempt count. */
    public AuditEvent detail(String detail) {
        this.detail = Text.clean(detail, 255);
        return this;
    }

    void stamp(Instant now) {
        this.occurredAt = now;
    }

    public Long id() {
        return id;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public EventType type() {
        return type;
    }

    public Outcome outcome() {
        return outcome;
    }

    public Reason reason() {
        return reason;
    }

    public Method method() {
        return method;
    }

    public String username() {
        return username;
    }

    public Long accountId() {
        return accountId;
    }

    public String detail() {
        return detail;
    }

    public String correlationId() {
        return correlationId;
    }

    public String clientAddress() {
        return clientAddress;
    }

    public String userAgent() {
        return userAgent;
    }
}
