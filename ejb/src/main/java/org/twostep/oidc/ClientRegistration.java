package org.twostep.oidc;

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
 * to, exact; optional). A client that is misconfigured is skipped with a warning that names what is wrong
 * (never the secret). A client no longer configured is removed.
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
    Logger log;

    @PostConstruct
    void registerConfiguredClients() {
        List<String> registered = new java.util.ArrayList<>();
        for (String clientId : settings.oidcClients()) {
            String prefix = "twostep.oidc.client." + clientId.strip() + ".";
            List<String> redirectUris = uris(prefix + "redirect-uris");
            List<String> postLogoutRedirectUris = uris(prefix + "post-logout-redirect-uris");
            String secret = config.getOptionalValue(prefix + "secret", String.class).orElse(null);
            String problem = ClientRules.misconfiguration(clientId.strip(), secret, redirectUris, postLogoutRedirectUris);
            if (problem != null) {
                log.warning(() -> "OpenID Connect client not registered: " + problem);
                continue;
            }
            clients.register(clientId.strip(), secret, redirectUris, postLogoutRedirectUris);
            registered.add(clientId.strip());
            log.info(() -> "Registered the OpenID Connect client " + clientId.strip() + " ("
                    + (secret == null ? "public" : "confidential") + ", " + redirectUris.size() + " redirect URIs)");
        }
        int removed = clients.removeAllBut(registered);
        if (removed > 0) {
            log.info(() -> "Removed " + removed + " OpenID Connect clients no longer in twostep.oidc.clients");
        }
    }

    private List<String> uris(String property) {
        return config.getOptionalValue(property, String.class)
                .map(uris -> Arrays.stream(uris.split(",")).map(String::strip).filter(u -> !u.isEmpty()).toList())
                .orElse(List.of());
    }
}
