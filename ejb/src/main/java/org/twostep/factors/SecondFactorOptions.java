package org.twostep.factors;

import org.twostep.audit.Method;

/** The second factors a pending login can use, and the one to offer first (the one used last). */
public record SecondFactorOptions(boolean totp, boolean securityKey, boolean recoveryCode, Method preferred) {

    public static final SecondFactorOptions NONE = new SecondFactorOptions(false, false, false, Method.TOTP);

    /** What a step-up that needs a security key or passkey offers: the keys, nothing else. */
    public SecondFactorOptions keysOnly() {
        return new SecondFactorOptions(false, securityKey, false, Method.WEBAUTHN);
    }

    public boolean securityKeyFirst() {
        return securityKey && (preferred == Method.WEBAUTHN || !totp);
    }
}
