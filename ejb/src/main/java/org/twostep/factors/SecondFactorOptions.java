package org.twostep.factors;

import java.io.Serializable;
import org.twostep.audit.Method;

/**
 * The second factors a pending login can use, and the one to offer first (the one used last). Read
 * when the challenge opens and kept with it in the session, so the challenge page reads no database.
 */
public record SecondFactorOptions(boolean totp, boolean securityKey, boolean recoveryCode, Method preferred)
        implements Serializable {

    public static final SecondFactorOptions NONE = new SecondFactorOptions(false, false, false, Method.TOTP);

    /** What a step-up that needs a security key or passkey offers: the keys, nothing else. */
    public SecondFactorOptions keysOnly() {
        return new SecondFactorOptions(false, securityKey, false, Method.WEBAUTHN);
    }

    /** Whether the account can sign in with a second factor at all (an app or a key); else it enrolls one. */
    public boolean any() {
        return totp || securityKey;
    }

    public boolean securityKeyFirst() {
        return securityKey && (preferred == Method.WEBAUTHN || !totp);
    }
}
