package org.twostep.webauthn;

import java.io.Serializable;
import java.util.Set;

/**
 * Who asks for the signature: the relying party id (a host name, e.g. {@code login.example.com})
 * and the origins responses may come from ({@code https://login.example.com}).
 */
public record RelyingParty(String id, String name, Set<String> origins) implements Serializable {
}
