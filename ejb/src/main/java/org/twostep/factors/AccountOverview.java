package org.twostep.factors;

import java.util.List;
import org.twostep.totp.TotpFactor;
import org.twostep.webauthn.WebAuthnFactor;

/**
 * An account as its owner sees it: who they are and their second factors; its WebAuthn user handle
 * (null before its first key) for the browser's passkey store.
 */
public record AccountOverview(String username, String displayName, String email, boolean admin,
                              List<TotpFactor> authenticators, List<WebAuthnFactor> securityKeys,
                              int recoveryCodesLeft, String webAuthnUserHandle) {

    /** The credential ids of the account's keys and passkeys, space-separated (Signal API). */
    public String acceptedCredentialIds() {
        return String.join(" ", securityKeys.stream().map(WebAuthnFactor::credentialId).toList());
    }

    /** The account has a set of recovery codes with two or fewer left: time for a new set. */
    public boolean recoveryCodesRunningLow() {
        return recoveryCodesLeft >= 0 && recoveryCodesLeft <= 2;
    }

    public boolean hasRecoveryCodes() {
        return recoveryCodesLeft >= 0;
    }
}
