package org.twostep.factors;

import java.util.List;
import org.twostep.totp.TotpFactor;
import org.twostep.webauthn.WebAuthnFactor;

/** An account as its owner sees it: who they are and their second factors. */
public record AccountOverview(String username, String displayName, String email, boolean admin,
                              List<TotpFactor> authenticators, List<WebAuthnFactor> securityKeys,
                              int recoveryCodesLeft) {

    /** The account has a set of recovery codes with two or fewer left: time for a new set. */
    public boolean recoveryCodesRunningLow() {
        return recoveryCodesLeft >= 0 && recoveryCodesLeft <= 2;
    }

    public boolean hasRecoveryCodes() {
        return recoveryCodesLeft >= 0;
    }
}
