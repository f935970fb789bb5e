package org.twostep.audit;

import java.io.Serializable;

/**
 * Where a request came from, as the audit trail records it: the client address and the user agent,
 * with control characters removed and lengths capped so a hostile header cannot forge audit lines.
 *
 * <pre>{@code
 * ClientInfo client = ClientInfo.of(request.getRemoteAddr(), request.getHeader("User-Agent"));
 * }</pre>
 */
public record ClientInfo(String address, String userAgent) implements Serializable {

    static final int MAX_ADDRESS = 64;
    static final int MAX_USER_AGENT = 255;

    public static ClientInfo of(String address, String userAgent) {
        return new ClientInfo(Text.clean(address, MAX_ADDRESS), Text.clean(userAgent, MAX_USER_AGENT));
    }
}
