package org.twostep.web;

import jakarta.servlet.http.HttpServletRequest;

/** The origin a request arrived on ({@code http://localhost:8080}): what WebAuthn and the OIDC issuer default to. */
public final class Origins {

    private Origins() {
    }

    public static String of(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }
}
