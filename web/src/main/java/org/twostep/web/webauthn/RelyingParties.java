package org.twostep.web.webauthn;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashSet;
import java.util.Set;
import org.twostep.config.Settings;
import org.twostep.web.Origins;
import org.twostep.webauthn.RelyingParty;

/**
 * The WebAuthn relying party for a request: {@code twostep.webauthn.rp-id} and
 * {@code twostep.webauthn.origins} when configured (production, behind a proxy), else the host and
 * origin the request arrived on, so {@code http://localhost:8080} works out of the box.
 */
@ApplicationScoped
public class RelyingParties {

    @Inject
    Settings settings;

    public RelyingParty of(HttpServletRequest request) {
        String id = settings.webAuthnRpId().orElse(request.getServerName());
        Set<String> origins = new LinkedHashSet<>(settings.webAuthnOrigins().orElseGet(() -> java.util.List.of(Origins.of(request))));
        return new RelyingParty(id, settings.issuer(), Set.copyOf(origins));
    }
}
