package org.twostep.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.twostep.config.Settings;

/**
 * Registers the applications named in {@code twostep.oidc.clients} when TwoStep deploys, from their
 * properties: {@code twostep.oidc.client.<id>.redirect-uris} (comma-separated, exact) and
 * {@code twostep.oidc.client.<id>.secret} (a confidential client; without it the client is public and
 * must use PKCE), {@code twostep.oidc.client.<id>.post-logout-redirect-uris} (where logout may return
 * to, exact; optional), {@code .groups} (only members of these groups may use it; optional),
 * {@code .max-age} (the oldest second factor, in seconds, it accepts; optional), {@code .acr}
 * ({@code phr}: only a security key or passkey; optional) and {@code .backchannel-logout-uri} (where
 * Back-Channel Logout notices go; optional) and {@code .id-token-signed-response-alg} ({@code RS256},
 * the default, or {@code ES256}). A client that is misconfigured is skipped with a warning
 * that names what is wrong (never the secret). A client no longer configured is removed.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
public class ClientRegistration {

    @EJB
    OidcClients clients;

    @Inject
    Settings settings;

    @Inject
    Config config;

    @Inject
    SigningKeys signingKeys;

    @Inject
    Logger log;

    @PostConstruct
    void registerConfiguredClients() {
        List<String> registered = new java.util.ArrayList<>();
        for (String clientId : settings.oidcClients()) {
            String prefix = "twostep.oidc.client." + clientId.strip() + ".";
            String maxAge = text(prefix + "max-age");
            if (maxAge != null && !maxAge.matches("[0-9]{1,9}")) {
                log.warning(() -> "OpenID Connect client not registered: the max-age of client " + clientId.strip()
                        + " is a number of seconds");
                continue;
            }
            ClientSettings client = new ClientSettings(text(prefix + "secret"), list(prefix + "redirect-uris"),
                    list(prefix + "post-logout-redirect-uris"), list(prefix + "groups"),
                    maxAge == null ? null : Integer.valueOf(maxAge), text(prefix + "acr"), text(prefix + "backchannel-logout-uri"),
                    text(prefix + "id-token-signed-response-alg"));
            String found = ClientRules.misconfiguration(clientId.strip(), client);
            String problem = found == null && !signingKeys.offers(JWSAlgorithm.parse(client.idTokenAlgorithm()))
                    ? "client " + clientId.strip() + " asks for ES256 ID tokens, and twostep.oidc.signing-keys has no EC key"
                    : found;
            if (problem != null) {
                log.warning(() -> "OpenID Connect client not registered: " + problem);
                continue;
            }
            clients.register(clientId.strip(), client);
            registered.add(clientId.strip());
            log.info(() -> "Registered the OpenID Connect client " + clientId.strip() + " ("
                    + (client.secret() == null ? "public" : "confidential") + ", " + client.redirectUris().size()
                    + " redirect URIs" + (client.allowedGroups().isEmpty() ? "" : ", for " + client.allowedGroups()) + ")");
        }
        int removed = clients.removeAllBut(registered);
        if (removed > 0) {
            log.info(() -> "Removed " + removed + " OpenID Connect clients no longer in twostep.oidc.clients");
        }
    }

    private List<String> list(String property) {
        return config.getOptionalValue(property, String.class)
                .map(values -> Arrays.stream(values.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList())
                .orElse(List.of());
    }

    private String text(String property) {
        return config.getOptionalValue(property, String.class).map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
    }
}
