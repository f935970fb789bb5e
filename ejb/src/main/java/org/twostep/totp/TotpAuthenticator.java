package org.twostep.totp;

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

/**
 * An authenticator app enrolled for an account. The shared secret is stored sealed
 * ({@link org.twostep.crypto.SecretCipher}); {@code lastUsedStep} makes each code single-use
 * (RFC 6238 §5.2), and {@code driftSteps} lets the window follow the device's clock (§6). It becomes {@code ACTIVE} only after a valid confirmation code.
 */
@Entity
@Table(name = "totp_authenticator")
public class TotpAuthenticator {

    public enum Status {
        PENDING,
        ACTIVE
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false)
    private long accountId;

    @Column(nullable = false, length = 64)
    private String nickname;

    @Column(name = "secret_sealed", nullable = false, length = 255)
    private String secretSealed;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 8)
    private TotpAlgorithm algorithm;

    @Column(nullable = false)
    private int digits;

    @Column(name = "period_seconds", nullable = false)
    private int periodSeconds;

    @Column(name = "last_used_step", nullable = false)
    private long lastUsedStep;

    /** RFC 6238 §6: how many steps off the device's clock was at its last accepted code (negative: behind). */
    @Column(name = "drift_steps", nullable = false)
    private int driftSteps;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 16)
    private Status status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected TotpAuthenticator() {
    }

    TotpAuthenticator(long accountId, String nickname, String secretSealed, TotpParameters parameters, Instant createdAt) {
        this.accountId = accountId;
        this.nickname = nickname;
        this.secretSealed = secretSealed;
        this.algorithm = parameters.algorithm();
        this.digits = parameters.digits();
        this.periodSeconds = parameters.periodSeconds();
        this.lastUsedStep = -1;
        this.status = Status.PENDING;
        this.createdAt = createdAt;
    }

    public Long id() {
        return id;
    }

    public long accountId() {
        return accountId;
    }

    public String nickname() {
        return nickname;
    }

    String secretSealed() {
        return secretSealed;
    }

    public TotpParameters parameters() {
        return new TotpParameters(algorithm, digits, periodSeconds);
    }

    long lastUsedStep() {
        return lastUsedStep;
    }

    int driftSteps() {
        return driftSteps;
    }

    public Status status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }
}
