package org.twostep.webauthn;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Arrays;
import java.util.List;

/** The two lookups of stored credentials that registering and proving a key share; runs in the caller's transaction. */
@Dependent
class StoredCredentials {

    @Inject
    EntityManager em;

    /** The credential with this WebAuthn credential id (base64url), or null. */
    WebAuthnCredential byCredentialId(String credentialId) {
        return em.createQuery("select c from WebAuthnCredential c where c.credentialId = :id", WebAuthnCredential.class)
                .setParameter("id", credentialId)
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    /** The account's credentials as the browser names them; with {@code passkeysOnly}, the discoverable ones. */
    List<WebAuthnOptions.KeyRef> keysOf(long accountId, boolean passkeysOnly) {
        return em.createQuery("select c.credentialId, c.transports from WebAuthnCredential c where c.accountId = :account"
                        + (passkeysOnly ? " and c.discoverable = true" : ""), Object[].class)
                .setParameter("account", accountId)
                .getResultStream()
                .map(row -> new WebAuthnOptions.KeyRef((String) row[0], row[1] == null || ((String) row[1]).isBlank()
                        ? List.of() : Arrays.asList(((String) row[1]).split(","))))
                .toList();
    }
}
