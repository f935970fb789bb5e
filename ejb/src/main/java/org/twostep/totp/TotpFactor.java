package org.twostep.totp;

import java.time.Instant;

/** An active authenticator app as the account pages list it. */
public record TotpFactor(long id, String nickname, Instant createdAt, Instant lastUsedAt) {
}
