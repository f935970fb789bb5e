package org.twostep.webauthn;

import java.util.List;

/**
 * What the browser needs to start a ceremony; the web tier writes it as the JSON of
 * {@code PublicKeyCredentialCreationOptions} or {@code PublicKeyCredentialRequestOptions}.
 */
public final class WebAuthnOptions {

    private WebAuthnOptions() {
    }

    /** A credential the browser should (not) use: its id (base64url) and transports. */
    public record KeyRef(String id, List<String> transports) {
    }

    /** For {@code navigator.credentials.create()}. {@code passkey}: resident key and user verification required. */
    public record Creation(String ceremonyId, String challenge, String userHandle, String userName, String displayName,
                           boolean passkey, List<KeyRef> exclude, List<Long> algorithms, long timeoutMillis) {
    }

    /** For {@code navigator.credentials.get()}. An empty {@code allow} asks for a discoverable credential (a passkey). */
    public record Request(String ceremonyId, String challenge, List<KeyRef> allow, boolean userVerificationRequired,
                          long timeoutMillis) {
    }
}
