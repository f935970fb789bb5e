package org.twostep.web.login;

import jakarta.servlet.http.HttpServletRequest;
import org.twostep.audit.ClientInfo;

/** The audit trail's view of where a request came from. */
public final class Clients {

    private Clients() {
    }

    public static ClientInfo of(HttpServletRequest request) {
        return ClientInfo.of(request.getRemoteAddr(), request.getHeader("User-Agent"));
    }
}
