package org.twostep.web.webauthn;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * A cross-site page must not drive the WebAuthn endpoints: the browser's {@code Origin} header must
 * be one of the relying party's origins, else 403 before anything else happens.
 */
@Provider
@SameOrigin
public class SameOriginFilter implements ContainerRequestFilter {

    static final String MESSAGE = "Requests must come from this site's own pages.";

    @Inject
    RelyingParties relyingParties;

    @Context
    HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext context) {
        String origin = request.getHeader("Origin");
        if (origin == null || !relyingParties.of(request).origins().contains(origin)) {
            context.abortWith(JsonAnswers.message(403, MESSAGE));
        }
    }
}
