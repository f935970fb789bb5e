package org.twostep.webauthn;

import java.time.Instant;

/**
 * A security key or passkey as the account pages list it; its credential id (base64url) only so that
 * the page can tell the browser's passkey store which credentials the account still accepts.
 */
public record WebAuthnFactor(long id, String nickname, boolean passkey, Instant createdAt, Instant lastUsedAt,
                             String credentialId) {
}
