package org.twostep.policy;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.twostep.config.Settings;

/**
 * Per-client-address limits on the steps anyone can ask for without an account: password attempts
 * ({@code twostep.rate-limit.passwords}, 30 a minute) and the other unauthenticated work, such as
 * opening a passkey sign-in ({@code twostep.rate-limit.requests}, 60 a minute). Each address has a
 * bucket per kind that holds that many and refills at that rate over {@code twostep.rate-limit.window}
 * (1 minute), so a burst is allowed and a flood is not.
 *
 * <p>Bounded in memory: at most {@value #ADDRESSES} addresses per kind are remembered, the least
 * recently seen forgotten first, so no number of addresses grows it. Counted on this node; the
 * per-account lockouts ({@link Lockout}) are what two nodes count together. Behind a reverse proxy
 * the address is the client's only when WildFly is told to read the proxy's header
 * ({@code twostep.proxy-address-forwarding}); otherwise every client shares the proxy's.
 *
 * <pre>{@code
 * limits.take(AddressLimits.Kind.PASSWORD, client.address());  // RateLimitedException when over the limit
 * }</pre>
 */
@ApplicationScoped
public class AddressLimits {

    static final int ADDRESSES = 10_000;

    public enum Kind {
        PASSWORD,
        REQUEST
    }

    @Inject
    Settings settings;

    @Inject
    Clock clock;

    private final Map<Kind, Map<String, Bucket>> buckets = new java.util.EnumMap<>(Kind.class);

    @PostConstruct
    void configure() {
        for (Kind kind : Kind.values()) {
            buckets.put(kind, new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                    return size() > ADDRESSES;
                }
            });
        }
    }

    /** Takes one attempt from the address's bucket; @throws RateLimitedException when it is empty */
    public void take(Kind kind, String address) {
        int capacity = kind == Kind.PASSWORD ? settings.rateLimitPasswords() : settings.rateLimitRequests();
        if (capacity <= 0 || address == null) {
            return; // no limit configured
        }
        Instant now = clock.instant();
        Instant retryAt;
        boolean first;
        Map<String, Bucket> ofKind = buckets.get(kind);
        synchronized (ofKind) {
            Bucket bucket = ofKind.computeIfAbsent(keyOf(address), a -> new Bucket(capacity, now));
            retryAt = bucket.take(capacity, settings.rateLimitWindow(), now);
            first = retryAt != null && !bucket.refusing;
            bucket.refusing = retryAt != null;
        }
        if (retryAt != null) {
            throw new RateLimitedException(retryAt, first);
        }
    }

    /**
     * Whose bucket an address fills: an IPv4 address its own; an IPv6 address its /64, the block one
     * host is usually given, so that a host cannot take a fresh bucket per address of its block.
     */
    static String keyOf(String address) {
        if (address.indexOf(':') < 0 || !address.matches("[0-9A-Fa-f:.]+")) {
            return address;
        }
        try {
            byte[] bytes = java.net.InetAddress.getByName(address).getAddress(); // a literal: no name is looked up
            if (bytes.length != 16) {
                return address;
            }
            StringBuilder prefix = new StringBuilder("v6:");
            for (int i = 0; i < 8; i++) {
                prefix.append(String.format("%02x", bytes[i]));
            }
            return prefix.toString();
        } catch (java.net.UnknownHostException e) {
            return address;
        }
    }

    /** Tokens refilled continuously: {@code capacity} per window. */
    static final class Bucket {

        private double tokens;
        private Instant refilled;
        /** Whether the last take was refused: a streak of refusals is audited once. */
        private boolean refusing;

        Bucket(int capacity, Instant now) {
            tokens = capacity;
            refilled = now;
        }

        /** Takes a token; returns null, or when the next one will be there. */
        Instant take(int capacity, Duration window, Instant now) {
            double perMilli = capacity / (double) window.toMillis();
            tokens = Math.min(capacity, tokens + Duration.between(refilled, now).toMillis() * perMilli);
            refilled = now;
            if (tokens >= 1) {
                tokens -= 1;
                return null;
            }
            return now.plusMillis((long) Math.ceil((1 - tokens) / perMilli));
        }
    }
}
