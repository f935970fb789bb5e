package org.twostep.factors;

import org.twostep.audit.Method;

/**
 * The kinds of second factor a row on the security page can be, with the entity that stores each:
 * what lets one rename and one remove serve both.
 */
public enum FactorKind {
    TOTP(Method.TOTP, "TotpAuthenticator", " and f.status = org.twostep.totp.TotpAuthenticator.Status.ACTIVE"),
    WEBAUTHN(Method.WEBAUTHN, "WebAuthnCredential", "");

    final Method method;
    /** The JPQL entity name. */
    final String entity;
    /** What else makes a row of that entity a factor in use (an app's enrollment must be confirmed). */
    final String inUse;

    FactorKind(Method method, String entity, String inUse) {
        this.method = method;
        this.entity = entity;
        this.inUse = inUse;
    }
}
