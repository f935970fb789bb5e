package org.twostep.webauthn;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A security key or passkey registered to an account: its credential id, the attested credential
 * data (with the COSE public key) as webauthn4j serializes it, and the signature counter.
 * A {@code discoverable} credential is a passkey: it can sign in without a username.
 */
@Entity
@Table(name = "webauthn_credential")
public class WebAuthnCredential {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false)
    private long accountId;

    @Column(name = "credential_id", nullable = false, length = 1400, unique = true)
    private String credentialId;

    @Column(name = "attested_data", nullable = false, length = 4000)
    private String attestedData;

    @Column(name = "sign_count", nullable = false)
    private long signCount;

    @Column(length = 36)
    private String aaguid;

    @Column(length = 128)
    private String transports;

    @Column(nullable = false)
    private boolean discoverable;

    @Column(name = "user_verified", nullable = false)
    private boolean userVerified;

    @Column(name = "backup_eligible", nullable = false)
    private boolean backupEligible;

    @Column(name = "backed_up", nullable = false)
    private boolean backedUp;

    @Column(nullable = false, length = 64)
    private String nickname;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected WebAuthnCredential() {
    }

    WebAuthnCredential(long accountId, WebAuthnVerifier.RegisteredKey key, boolean discoverable, String nickname,
                       Instant createdAt) {
        this.accountId = accountId;
        this.credentialId = key.credentialId();
        this.attestedData = key.attestedData();
        this.signCount = key.signCount();
        this.aaguid = key.aaguid();
        this.transports = key.transports();
        this.discoverable = discoverable;
        this.userVerified = key.userVerified();
        this.backupEligible = key.backupEligible();
        this.backedUp = key.backedUp();
        this.nickname = nickname;
        this.createdAt = createdAt;
    }

    public Long id() {
        return id;
    }

    public long accountId() {
        return accountId;
    }

    public String credentialId() {
        return credentialId;
    }

    WebAuthnVerifier.StoredKey storedKey() {
        return new WebAuthnVerifier.StoredKey(attestedData, signCount, transports, userVerified, backupEligible, backedUp);
    }

    String transports() {
        return transports;
    }

    void used(long newSignCount, Instant now) {
        this.signCount = newSignCount;
        this.lastUsedAt = now;
    }

    public boolean discoverable() {
        return discoverable;
    }

    public String nickname() {
        return nickname;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }
}
