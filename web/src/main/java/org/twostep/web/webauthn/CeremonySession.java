package org.twostep.web.webauthn;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * The id of the WebAuthn ceremony a session started, under one namespaced key: set when the options
 * go out, taken (forgotten as it is read) when the answer comes in, so a ceremony is answered once.
 */
final class CeremonySession {

    static final String KEY = "org.twostep.web.webauthn.Ceremony";

    private CeremonySession() {
    }

    static void start(HttpServletRequest request, String ceremonyId) {
        request.getSession().setAttribute(KEY, ceremonyId);
    }

    static String take(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        String ceremonyId = (String) session.getAttribute(KEY);
        session.removeAttribute(KEY);
        return ceremonyId;
    }
}
