package org.twostep.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * An application that signs its users in through TwoStep (a relying party): its client id, whether
 * it is confidential (it holds a secret, stored as a digest) or public (it must use PKCE), and the
 * redirect URIs it registered, compared to the letter; who may use it, what it asks of every
 * sign-in, and where its logout notices go ({@link ClientSettings}).
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

    @Column(name = "allowed_groups", nullable = false, length = 1000)
    private String allowedGroups;

    @Column(name = "default_max_age")
    private Integer defaultMaxAge;

    @Column(name = "required_acr", length = 16)
    private String requiredAcr;

    @Column(name = "backchannel_logout_uri", length = 2000)
    private String backChannelLogoutUri;

    @Column(name = "id_token_alg", nullable = false, length = 8)
    private String idTokenAlgorithm;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected OidcClient() {
    }

    OidcClient(String clientId, Instant createdAt) {
        this.clientId = clientId;
        this.createdAt = createdAt;
    }

    /** What the configuration says of the client now: registering again updates it. */
    void configure(String secretDigest, ClientSettings settings) {
        this.confidential = secretDigest != null;
        this.secretDigest = secretDigest;
        this.redirectUris = String.join("\n", settings.redirectUris());
        this.postLogoutRedirectUris = String.join("\n", settings.postLogoutRedirectUris());
        this.allowedGroups = String.join("\n", settings.allowedGroups());
        this.defaultMaxAge = settings.defaultMaxAge();
        this.requiredAcr = settings.requiredAcr();
        this.backChannelLogoutUri = settings.backChannelLogoutUri();
        this.idTokenAlgorithm = settings.idTokenAlgorithm();
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
        return lines(postLogoutRedirectUris);
    }

    /** Whether an account in these groups may use this client: every account, when it names no group. */
    public boolean admits(Set<String> groups) {
        List<String> allowed = lines(allowedGroups);
        return allowed.isEmpty() || allowed.stream().anyMatch(groups::contains);
    }

    /** The oldest second factor (seconds) this client accepts, or null. */
    public Integer defaultMaxAge() {
        return defaultMaxAge;
    }

    /** Whether this client takes only a security key or passkey ({@code acr} {@code phr}). */
    public boolean requiresPhishingResistant() {
        return Assurance.PHISHING_RESISTANT.equals(requiredAcr);
    }

    /** How its ID tokens (and logout tokens) are signed: RS256 or ES256. */
    public JWSAlgorithm idTokenAlgorithm() {
        return JWSAlgorithm.parse(idTokenAlgorithm);
    }

    /** Where its Back-Channel Logout notices go, or null. */
    public String backChannelLogoutUri() {
        return backChannelLogoutUri;
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }
}
