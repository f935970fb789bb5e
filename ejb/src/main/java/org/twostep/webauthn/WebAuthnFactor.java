package org.twostep.webauthn;

import java.time.Instant;

/** A security key or passkey as the account pages list it. */
public record WebAuthnFactor(long id, String nickname, boolean passkey, Instant createdAt, Instant lastUsedAt) {
}
