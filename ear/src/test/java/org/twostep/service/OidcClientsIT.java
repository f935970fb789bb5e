package org.twostep.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twostep.config.Settings;
import org.twostep.oidc.ClientSettings;
import org.twostep.oidc.OidcClients;
import org.twostep.oidc.OidcException;

/** The client registry: secrets authenticate by digest, and a client taken out of the configuration stops working. */
class OidcClientsIT extends ServiceIT {

    private static final String SECRET = "a-secret-of-more-than-thirty-two-characters";

    @EJB
    OidcClients clients;

    @Inject
    Settings settings;

    @Test
    void aClientNoLongerConfiguredIsRemovedAndCanNoLongerAuthenticate() {
        String clientId = "gone-" + System.nanoTime();
        clients.register(clientId, ClientSettings.of(SECRET, List.of("https://app.example.com/cb")));
        assertEquals(clientId, clients.authenticate(clientId, SECRET).clientId());
        assertEquals("invalid_client", assertThrows(OidcException.class, () -> clients.authenticate(clientId, "x" + SECRET)).error());

        clients.removeAllBut(settings.oidcClients()); // what the next deployment does
        assertNull(clients.find(clientId));
        assertEquals("invalid_client", assertThrows(OidcException.class, () -> clients.authenticate(clientId, SECRET)).error());
        settings.oidcClients().forEach(configured -> assertNotNull(clients.find(configured), configured + " is kept"));
    }

    @Test
    void aShortSecretOrAFragmentInARedirectUriIsNotRegistered() {
        assertThrows(Exception.class, () -> clients.register("short", ClientSettings.of("too-short", List.of("https://app.example.com/cb"))));
        assertThrows(Exception.class, () -> clients.register("fragment", ClientSettings.of(SECRET, List.of("https://app.example.com/cb#x"))));
        assertNull(clients.find("short"));
        assertNull(clients.find("fragment"));
    }
}
