package org.twostep.oidc;

import java.util.List;

/**
 * What the configuration says of a client: its secret (null for a public client, which must use
 * PKCE), the exact redirect and post-logout redirect URIs, who may use it ({@code allowedGroups}:
 * members of any of them; empty for every account), what it asks of every sign-in
 * ({@code defaultMaxAge} seconds, null for no limit; {@code requiredAcr} {@code phr} or null), where
 * Back-Channel Logout notices go (null for none), and how its ID tokens are signed
 * ({@code idTokenAlgorithm} {@code RS256}, the default when null, or {@code ES256}).
 *
 * <pre>{@code
 * clients.register("myapp", ClientSettings.of(secret, List.of("https://app.example.com/cb")));
 * }</pre>
 */
public record ClientSettings(String secret, List<String> redirectUris, List<String> postLogoutRedirectUris,
                             List<String> allowedGroups, Integer defaultMaxAge, String requiredAcr,
                             String backChannelLogoutUri, String idTokenAlgorithm) {

    public ClientSettings {
        redirectUris = List.copyOf(redirectUris);
        postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
        allowedGroups = List.copyOf(allowedGroups);
        idTokenAlgorithm = idTokenAlgorithm == null ? "RS256" : idTokenAlgorithm;
    }

    /** A client for every account, asking nothing more, without logout addresses. */
    public static ClientSettings of(String secret, List<String> redirectUris) {
        return new ClientSettings(secret, redirectUris, List.of(), List.of(), null, null, null, null);
    }
}
