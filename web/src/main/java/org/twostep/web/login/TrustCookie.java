package org.twostep.web.login;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.time.Instant;
import org.twostep.trust.TrustedBrowsers;

/**
 * The cookie of a trusted browser ({@link org.twostep.trust.TrustedBrowsers}): {@code HttpOnly},
 * {@code SameSite=Strict}, {@code Secure} when the request came over HTTPS, sent to TwoStep's own
 * paths only, and kept by the browser until the trust expires.
 *
 * <pre>{@code
 * String value = TrustCookie.read(request);                       // or null
 * TrustCookie.write(request, response, trustedBrowsers.trust(who, client), now);
 * TrustCookie.forget(request, response);
 * }</pre>
 */
final class TrustCookie {

    static final String NAME = "twostep-trust";

    /** Series and token, base64url each, and the dot between: anything longer is not one of ours. */
    private static final int MAX_LENGTH = 100;

    private TrustCookie() {
    }

    /** The session key of a series to renew once this login's second factor is proven. */
    private static final String RENEWAL = "org.twostep.web.login.TrustRenewal";

    /** The series whose just-replaced token this browser sent: renewed after the second factor ({@link #takeRenewal}). */
    static void renewAfterSecondFactor(HttpServletRequest request, String series) {
        request.getSession().setAttribute(RENEWAL, series);
    }

    /** The series to renew, if this login has one; forgotten here. */
    static String takeRenewal(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        String series = (String) session.getAttribute(RENEWAL);
        session.removeAttribute(RENEWAL);
        return series;
    }

    static boolean hasRenewal(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(RENEWAL) != null;
    }

    static String read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            String value = cookie.getValue();
            if (NAME.equals(cookie.getName()) && value != null && !value.isEmpty() && value.length() <= MAX_LENGTH) {
                return value;
            }
        }
        return null;
    }

    static void write(HttpServletRequest request, HttpServletResponse response, TrustedBrowsers.Cookie value, Instant now) {
        long seconds = Math.max(0, Duration.between(now, value.expiresAt()).toSeconds());
        response.addCookie(cookie(request, value.value(), (int) Math.min(Integer.MAX_VALUE, seconds)));
    }

    static void forget(HttpServletRequest request, HttpServletResponse response) {
        response.addCookie(cookie(request, "", 0));
    }

    private static Cookie cookie(HttpServletRequest request, String value, int maxAgeSeconds) {
        Cookie cookie = new Cookie(NAME, value);
        cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setMaxAge(maxAgeSeconds);
        cookie.setAttribute("SameSite", "Strict");
        return cookie;
    }
}
