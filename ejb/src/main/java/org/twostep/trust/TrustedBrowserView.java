package org.twostep.trust;

import java.time.Instant;

/** A trusted browser as its owner's security page lists it. */
public record TrustedBrowserView(long id, String browser, String userAgent, Instant firstUsedAt, Instant lastUsedAt,
                                 String lastAddress, Instant expiresAt) {

    static TrustedBrowserView of(TrustedBrowser b) {
        return new TrustedBrowserView(b.id(), BrowserNames.of(b.userAgent()), b.userAgent(), b.createdAt(), b.lastUsedAt(),
                b.lastAddress(), b.expiresAt());
    }
}
