package org.twostep.oidc;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * An application that signs its users in through TwoStep (a relying party): its client id, whether
 * it is confidential (it holds a secret, stored as a digest) or public (it must use PKCE), and the
 * redirect URIs it registered, compared to the letter.
 */
@Entity
@Table(name = "oidc_client")
public class OidcClient {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "client_id", nullable = false, length = 64, unique = true)
    private String clientId;

    @Column(nullable = false)
    private boolean confidential;

    @Column(name = "secret_digest", length = 64)
    private String secretDigest;

    @Column(name = "redirect_uris", nullable = false, length = 4000)
    private String redirectUris;

    @Column(name = "post_logout_redirect_uris", nullable = false, length = 4000)
    private String postLogoutRedirectUris;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected OidcClient() {
    }

    OidcClient(String clientId, Instant createdAt) {
        this.clientId = clientId;
        this.createdAt = createdAt;
    }

    /** What the configuration says of the client now: registering again updates it. */
    void configure(String secretDigest, List<String> redirectUris, List<String> postLogoutRedirectUris) {
        this.confidential = secretDigest != null;
        this.secretDigest = secretDigest;
        this.redirectUris = String.join("\n", redirectUris);
        this.postLogoutRedirectUris = String.join("\n", postLogoutRedirectUris);
    }

    public String clientId() {
        return clientId;
    }

    public boolean confidential() {
        return confidential;
    }

    String secretDigest() {
        return secretDigest;
    }

    public List<String> redirectUris() {
        return List.of(redirectUris.split("\n"));
    }

    public List<String> postLogoutRedirectUris() {
        return postLogoutRedirectUris.isEmpty() ? List.of() : List.of(postLogoutRedirectUris.split("\n"));
    }
}
