package org.twostep.oidc;

import java.util.List;
import org.twostep.audit.Method;

/**
 * What a token says of how the caller proved who they are: {@code amr} (RFC 8176 values) and
 * {@code acr}: {@code phr} (phishing-resistant: a security key or passkey, after the OpenID EAP ACR
 * Values) or {@code mfa} (a second factor that is not).
 */
public final class Assurance {

    static final String PHISHING_RESISTANT = "phr";
    static final String ANY_SECOND_FACTOR = "mfa";

    private Assurance() {
    }

    static String acr(Method method) {
        return method == Method.WEBAUTHN || method == Method.PASSKEY ? PHISHING_RESISTANT : ANY_SECOND_FACTOR;
    }

    /** RFC 8176 §2: pwd, otp (an app's code or a recovery code), hwk (a key), user (its PIN or biometric), mfa. */
    static List<String> amr(Method method) {
        return switch (method) {
            case TOTP, RECOVERY_CODE -> List.of("pwd", "otp", "mfa");
            case WEBAUTHN -> List.of("pwd", "hwk", "mfa");
            case PASSKEY -> List.of("hwk", "user", "mfa");
            // A trusted browser: the password, and the possession of the cookie a second factor earned.
            case TRUSTED_BROWSER -> List.of("pwd", "mfa");
            case PASSWORD -> List.of("pwd");
        };
    }
}
