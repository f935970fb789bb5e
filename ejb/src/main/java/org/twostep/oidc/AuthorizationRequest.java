package org.twostep.oidc;

import java.io.Serializable;

/**
 * An authorization request that passed the checks (OpenID Connect Core §3.1.2.2), as the code it
 * leads to remembers it. {@code codeChallenge} is the PKCE S256 challenge (RFC 7636), or null;
 * {@code promptNone} whether no page may be shown; {@code maxAge} the seconds the second factor
 * may be old (the request's, the client's or {@code prompt=login}'s 0, the strictest), or null;
 * {@code phishingResistant} whether a security key or passkey is needed ({@code acr_values=phr}, or
 * the client's registration).
 */
public record AuthorizationRequest(String clientId, String redirectUri, String state, String nonce, String scope,
                                   String codeChallenge, boolean promptNone, Integer maxAge, boolean phishingResistant)
        implements Serializable {
}
