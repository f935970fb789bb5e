package org.twostep.web.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.twostep.account.SignedIn;

/**
 * The signed-in caller of a session (account id, username, groups, when a second factor was last
 * proven), which the mechanism hands to the container on every request; and the page a login
 * should return to. Both under namespaced session keys, both serializable.
 *
 * <pre>{@code
 * SignedIn who = SignedInSession.get(request);   // null when nobody is signed in
 * }</pre>
 */
public final class SignedInSession {

    static final String KEY = "org.twostep.web.login.SignedIn";
    static final String RETURN_TO_KEY = "org.twostep.web.login.ReturnTo";

    private SignedInSession() {
    }

    public static SignedIn get(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (SignedIn) session.getAttribute(KEY);
    }

    static void save(HttpServletRequest request, SignedIn who) {
        request.getSession().setAttribute(KEY, who);
    }

    static void remove(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(KEY);
        }
    }

    /** Remembers a page of this application to return to after the next second step. */
    static void saveReturnTo(HttpServletRequest request, String path) {
        request.getSession().setAttribute(RETURN_TO_KEY, request.getContextPath() + path);
    }

    /**
     * Remembers the protected page a caller asked for: a path of this application, built from what the
     * container routed on (context path, servlet path, path info), never the raw request URI, which a
     * link like {@code //evil.example/%2e%2e;/twostep/home.xhtml} could make another site's address.
     */
    static void saveReturnTo(HttpServletRequest request) {
        if ("GET".equals(request.getMethod())) {
            String path = request.getContextPath() + request.getServletPath()
                    + (request.getPathInfo() == null ? "" : request.getPathInfo());
            String query = request.getQueryString();
            if (isOwnPath(request, path)) {
                request.getSession().setAttribute(RETURN_TO_KEY, path + (query == null ? "" : "?" + query));
            }
        }
    }

    /** A path of this application, which no browser can read as another site's address. */
    static boolean isOwnPath(HttpServletRequest request, String path) {
        return path.startsWith(request.getContextPath() + "/") && !path.startsWith("//") && !path.contains("\\")
                && path.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }

    /** Remembers this (GET) request, e.g. an application's authorization request, to come back to after the login. */
    public static void returnHereAfterLogin(HttpServletRequest request) {
        saveReturnTo(request);
    }

    /** The remembered page, forgotten as it is read; the home page when there is none (or it is no page of ours). */
    static String takeReturnTo(HttpServletRequest request) {
        HttpSession session = request.getSession();
        Object returnTo = session.getAttribute(RETURN_TO_KEY);
        session.removeAttribute(RETURN_TO_KEY);
        return returnTo instanceof String path && isOwnPath(request, path) ? path : home(request);
    }

    static String home(HttpServletRequest request) {
        return request.getContextPath() + "/home.xhtml";
    }
}
