package org.twostep.web.oidc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.twostep.config.Settings;
import org.twostep.web.Origins;

/**
 * The OpenID Connect issuer: {@code twostep.oidc.issuer} when configured (production, behind a proxy),
 * else the origin the request arrived on and TwoStep's context path, e.g.
 * {@code http://localhost:8080/twostep}. The endpoints' addresses hang off it.
 */
@ApplicationScoped
public class Issuers {

    @Inject
    Settings settings;

    public String of(HttpServletRequest request) {
        return settings.oidcIssuer().map(Issuers::withoutTrailingSlash)
                .orElseGet(() -> Origins.of(request) + request.getContextPath());
    }

    /** An endpoint of the provider, under the issuer. */
    public String endpoint(HttpServletRequest request, String path) {
        return of(request) + "/api/oidc/" + path;
    }

    private static String withoutTrailingSlash(String issuer) {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }
}
