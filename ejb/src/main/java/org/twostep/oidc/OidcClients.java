package org.twostep.oidc;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.List;
import org.twostep.crypto.Digests;

/**
 * The registered applications: found by client id, registered (or updated) from configuration,
 * and authenticated at the token endpoint by their secret, compared as a digest in constant time.
 *
 * <pre>{@code
 * clients.register("hello-oidc", ClientSettings.of(secret, List.of("http://localhost:8080/hello-oidc/")));
 * OidcClient client = clients.authenticate("hello-oidc", presentedSecret); // or invalid_client
 * }</pre>
 */
@Stateless
public class OidcClients {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** The client, or null when none has this id. */
    public OidcClient find(String clientId) {
        return clientId == null ? null : em.createQuery("select c from OidcClient c where c.clientId = :id", OidcClient.class)
                .setParameter("id", clientId)
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    /**
     * Registers a client, or updates one: a null secret makes it public (it must then use PKCE).
     *
     * @throws ClientMisconfiguredException what {@link ClientRules#misconfiguration} finds wrong
     */
    public void register(String clientId, ClientSettings settings) {
        String problem = ClientRules.misconfiguration(clientId, settings);
        if (problem != null) {
            throw new ClientMisconfiguredException(problem);
        }
        OidcClient client = find(clientId);
        boolean created = client == null;
        if (created) {
            client = new OidcClient(clientId, clock.instant());
        }
        client.configure(settings.secret() == null ? null : Digests.sha256Base64Url(settings.secret()), settings);
        if (created) {
            em.persist(client); // an identity column: inserted at once, so complete first
        }
    }

    /**
     * Removes every client not in {@code registered}: one taken out of the configuration (or now
     * misconfigured) can no longer get codes or tokens. Its codes go too.
     */
    public int removeAllBut(List<String> registered) {
        List<String> keep = registered.isEmpty() ? List.of("") : registered;
        em.createQuery("delete from AuthorizationCode c where c.authorization.clientId not in :keep").setParameter("keep", keep).executeUpdate();
        return em.createQuery("delete from OidcClient c where c.clientId not in :keep").setParameter("keep", keep).executeUpdate();
    }

    /**
     * The client, if the secret authenticates it (a confidential client), or if it presents none and
     * has none (a public client).
     *
     * @throws OidcException {@code invalid_client}
     */
    public OidcClient authenticate(String clientId, String secret) {
        OidcClient client = find(clientId);
        if (client == null) {
            throw OidcException.invalidClient("unknown client");
        }
        boolean authenticated = client.confidential()
                ? secret != null && Digests.same(client.secretDigest(), Digests.sha256Base64Url(secret))
                : secret == null;
        if (!authenticated) {
            throw OidcException.invalidClient("client authentication failed");
        }
        return client;
    }
}
