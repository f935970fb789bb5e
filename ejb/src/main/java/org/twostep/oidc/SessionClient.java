package org.twostep.oidc;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A client that was given tokens in a TwoStep session ({@code sid}), under an issuer: who is told,
 * by a Back-Channel Logout notice, when that session ends. A row per token response; read and deleted
 * together when the session ends.
 */
@Entity
@Table(name = "oidc_session_client")
public class SessionClient {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 43)
    private String sid;

    @Column(name = "client_id", nullable = false, length = 64)
    private String clientId;

    @Column(name = "account_id", nullable = false)
    private long accountId;

    @Column(nullable = false, length = 512)
    private String issuer;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected SessionClient() {
    }

    SessionClient(String sid, String clientId, long accountId, String issuer, Instant createdAt) {
        this.sid = sid;
        this.clientId = clientId;
        this.accountId = accountId;
        this.issuer = issuer;
        this.createdAt = createdAt;
    }

    String sid() {
        return sid;
    }

    String clientId() {
        return clientId;
    }

    long accountId() {
        return accountId;
    }

    String issuer() {
        return issuer;
    }
}
