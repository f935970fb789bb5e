package org.twostep.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.twostep.config.Settings;

/**
 * A page's form is taken only from TwoStep's own pages: a post that the browser says comes from
 * another site is refused with 403 before Faces reads it (OWASP CSRF Prevention Cheat Sheet: Fetch
 * Metadata, then the {@code Origin} header). The login and challenge pages are stateless views, so
 * no view state id stands in as an anti-forgery token there; this check stands for every form.
 * A request without either header (not from a browser) is let through: it carries no one's cookies
 * by accident.
 */
@WebFilter("*.xhtml")
public class CrossSiteFormsRefused extends HttpFilter {

    static final String MESSAGE = "Forms are taken only from TwoStep's own pages.";
    /** Sec-Fetch-Site values of a request the page's own site made, or the person typed. */
    private static final Set<String> OWN = Set.of("same-origin", "none");

    @Inject
    Settings settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("POST".equals(request.getMethod()) && isFromAnotherSite(request)) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write(MESSAGE);
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean isFromAnotherSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return !OWN.contains(site);
        }
        String origin = request.getHeader("Origin");
        return origin != null && !origin.equals(Origins.of(request))
                && !settings.webAuthnOrigins().orElse(List.of()).contains(origin); // behind a proxy: the configured origins
    }
}
