package org.twostep.notice;

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

/** A security notice waiting to be sent, sent, or given up on after its retries. */
@Entity
@Table(name = "security_notice")
public class Notice {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false)
    private long accountId;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 32)
    private NoticeKind kind;

    @Column(name = "to_address", nullable = false, length = 254)
    private String toAddress;

    @Column(nullable = false, length = 200)
    private String subject;

    @Column(nullable = false, length = 4000)
    private String body;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "failed_at")
    private Instant failedAt;

    @Column(name = "last_error", length = 255)
    private String lastError;

    protected Notice() {
    }

    Notice(long accountId, NoticeKind kind, String toAddress, String subject, String body, Instant now) {
        this.accountId = accountId;
        this.kind = kind;
        this.toAddress = toAddress;
        this.subject = subject;
        this.body = body;
        this.createdAt = now;
        this.nextAttemptAt = now;
    }

    Long id() {
        return id;
    }

    String toAddress() {
        return toAddress;
    }

    String subject() {
        return subject;
    }

    String body() {
        return body;
    }

    int attempts() {
        return attempts;
    }

    Instant createdAt() {
        return createdAt;
    }

    void sent(Instant now) {
        this.attempts++;
        this.sentAt = now;
        this.lastError = null;
    }

    /** A failed attempt: tried again at {@code next}, or, when null, given up on. */
    void failed(String error, Instant now, Instant next) {
        this.attempts++;
        this.lastError = error == null ? null : error.substring(0, Math.min(255, error.length()));
        if (next == null) {
            this.failedAt = now;
        } else {
            this.nextAttemptAt = next;
        }
    }
}
