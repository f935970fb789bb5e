package org.twostep.oidc;

import java.io.Serializable;

/**
 * An authorization request that passed the checks (OpenID Connect Core §3.1.2.2), as the code it
 * leads to remembers it. {@code codeChallenge} is the PKCE S256 challenge (RFC 7636), or null;
 * {@code maxAge} the seconds the second factor may be old, or null; {@code phishingResistant}
 * whether {@code acr_values} asked for {@code phr}.
 */
public record AuthorizationRequest(String clientId, String redirectUri, String state, String nonce, String scope,
                                   String codeChallenge, String prompt, Integer maxAge, boolean phishingResistant)
        implements Serializable {
}
