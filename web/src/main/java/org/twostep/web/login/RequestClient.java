package org.twostep.web.login;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.twostep.audit.ClientInfo;

/**
 * Where the current request came from, as the audit trail records it (address and user agent,
 * cleaned by {@link ClientInfo}): the one place the web tier reads them.
 *
 * <pre>{@code
 * @Inject RequestClient client;
 * accounts.signedOut(who, client.info());
 * }</pre>
 */
@RequestScoped
public class RequestClient {

    @Inject
    HttpServletRequest request;

    private ClientInfo info;

    public ClientInfo info() {
        if (info == null) {
            info = ClientInfo.of(request.getRemoteAddr(), request.getHeader("User-Agent"));
        }
        return info;
    }
}
