package org.twostep.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.twostep.account.PasswordHash;
import org.twostep.policy.Escalation;

/**
 * TwoStep's settings, read once from MicroProfile Config: system properties, environment
 * variables ({@code TWOSTEP_CHALLENGE_TTL} for {@code twostep.challenge.ttl}) and the server's
 * {@code twostep} config source. The defaults here are the ones the README documents.
 *
 * <pre>{@code
 * @Inject Settings settings;
 * Instant expiresAt = now.plus(settings.challengeTtl());
 * }</pre>
 */
@ApplicationScoped
public class Settings {

    @Inject
    @ConfigProperty(name = "twostep.issuer", defaultValue = "TwoStep")
    String issuer;

    // OWASP Password Storage Cheat Sheet: PBKDF2-HMAC-SHA256 with 600,000 iterations.
    @Inject
    @ConfigProperty(name = "twostep.password.algorithm", defaultValue = "PBKDF2WithHmacSHA256")
    String passwordAlgorithm;

    @Inject
    @ConfigProperty(name = "twostep.password.iterations", defaultValue = "600000")
    int passwordIterations;

    // OWASP Password Storage Cheat Sheet, Argon2id: 19 MiB, 2 passes, 1 lane at the least.
    @Inject
    @ConfigProperty(name = "twostep.password.argon2.memory-kib", defaultValue = "19456")
    int argon2MemoryKib;

    @Inject
    @ConfigProperty(name = "twostep.password.argon2.iterations", defaultValue = "2")
    int argon2Iterations;

    @Inject
    @ConfigProperty(name = "twostep.password.argon2.parallelism", defaultValue = "1")
    int argon2Parallelism;

    @Inject
    @ConfigProperty(name = "twostep.totp.algorithm", defaultValue = "SHA1")
    String totpAlgorithm;

    @Inject
    @ConfigProperty(name = "twostep.totp.digits", defaultValue = "6")
    int totpDigits;

    @Inject
    @ConfigProperty(name = "twostep.totp.window", defaultValue = "1")
    int totpWindow;

    @Inject
    @ConfigProperty(name = "twostep.challenge.ttl", defaultValue = "PT5M")
    String challengeTtl;

    @Inject
    @ConfigProperty(name = "twostep.challenge.max-attempts", defaultValue = "5")
    int challengeMaxAttempts;

    @Inject
    @ConfigProperty(name = "twostep.challenge.retention", defaultValue = "P1D")
    String challengeRetention;

    @Inject
    @ConfigProperty(name = "twostep.audit.retention", defaultValue = "P400D")
    String auditRetention;

    @Inject
    @ConfigProperty(name = "twostep.sweeper.interval", defaultValue = "PT1M")
    String sweeperInterval;

    @Inject
    @ConfigProperty(name = "twostep.lockout.threshold", defaultValue = "10")
    int lockoutThreshold;

    @Inject
    @ConfigProperty(name = "twostep.lockout.duration", defaultValue = "PT15M")
    String lockoutDuration;

    @Inject
    @ConfigProperty(name = "twostep.lockout.max-duration", defaultValue = "PT24H")
    String lockoutMaxDuration;

    @Inject
    @ConfigProperty(name = "twostep.lockout.reset-after", defaultValue = "P1D")
    String lockoutResetAfter;

    @Inject
    @ConfigProperty(name = "twostep.lockout.permanent-after", defaultValue = "0")
    int lockoutPermanentAfter;

    @Inject
    @ConfigProperty(name = "twostep.session.max-lifetime", defaultValue = "PT12H")
    String sessionMaxLifetime;

    @Inject
    @ConfigProperty(name = "twostep.session.recheck", defaultValue = "PT1M")
    String sessionRecheck;

    @Inject
    @ConfigProperty(name = "twostep.rate-limit.passwords", defaultValue = "30")
    int rateLimitPasswords;

    @Inject
    @ConfigProperty(name = "twostep.rate-limit.requests", defaultValue = "60")
    int rateLimitRequests;

    @Inject
    @ConfigProperty(name = "twostep.rate-limit.window", defaultValue = "PT1M")
    String rateLimitWindow;

    @Inject
    @ConfigProperty(name = "twostep.password.lockout.threshold", defaultValue = "10")
    int passwordLockoutThreshold;

    @Inject
    @ConfigProperty(name = "twostep.password.lockout.duration", defaultValue = "PT1M")
    String passwordLockoutDuration;

    @Inject
    @ConfigProperty(name = "twostep.password.lockout.max-duration", defaultValue = "PT15M")
    String passwordLockoutMaxDuration;

    @Inject
    @ConfigProperty(name = "twostep.trusted-browser.lifetime", defaultValue = "P30D")
    String trustedBrowserLifetime;

    @Inject
    @ConfigProperty(name = "twostep.notices.enabled", defaultValue = "false")
    boolean noticesEnabled;

    @Inject
    @ConfigProperty(name = "twostep.notices.from", defaultValue = "TwoStep <twostep@localhost>")
    String noticesFrom;

    @Inject
    @ConfigProperty(name = "twostep.notices.interval", defaultValue = "PT15S")
    String noticesInterval;

    @Inject
    @ConfigProperty(name = "twostep.notices.give-up-after", defaultValue = "P3D")
    String noticesGiveUpAfter;

    @Inject
    @ConfigProperty(name = "twostep.time-zone")
    Optional<String> timeZone;

    @Inject
    @ConfigProperty(name = "twostep.step-up.window", defaultValue = "PT5M")
    String stepUpWindow;

    @Inject
    @ConfigProperty(name = "twostep.secret-key")
    Optional<String> secretKey;

    @Inject
    @ConfigProperty(name = "twostep.secret-key-id", defaultValue = "k1")
    String secretKeyId;

    @Inject
    @ConfigProperty(name = "twostep.secret-keys.old")
    Optional<String> oldSecretKeys;

    @Inject
    @ConfigProperty(name = "twostep.production", defaultValue = "false")
    boolean production;

    @Inject
    @ConfigProperty(name = "twostep.admin.initial-password")
    Optional<String> adminInitialPassword;

    @Inject
    @ConfigProperty(name = "twostep.webauthn.rp-id")
    Optional<String> webAuthnRpId;

    @Inject
    @ConfigProperty(name = "twostep.webauthn.origins")
    Optional<List<String>> webAuthnOrigins;

    @Inject
    @ConfigProperty(name = "twostep.webauthn.timeout", defaultValue = "PT2M")
    String webAuthnTimeout;

    @Inject
    @ConfigProperty(name = "twostep.oidc.issuer")
    Optional<String> oidcIssuer;

    @Inject
    @ConfigProperty(name = "twostep.oidc.signing-keys")
    Optional<String> oidcSigningKeys;

    @Inject
    @ConfigProperty(name = "twostep.oidc.clients")
    Optional<List<String>> oidcClients;

    @Inject
    @ConfigProperty(name = "twostep.oidc.token-lifetime", defaultValue = "PT5M")
    String oidcTokenLifetime;

    @Inject
    @ConfigProperty(name = "twostep.oidc.refresh-token.idle", defaultValue = "PT30M")
    String oidcRefreshTokenIdle;

    @Inject
    @ConfigProperty(name = "twostep.oidc.refresh-token.lifetime", defaultValue = "PT10H")
    String oidcRefreshTokenLifetime;

    public String issuer() {
        return issuer;
    }

    public String passwordAlgorithm() {
        return passwordAlgorithm;
    }

    public int passwordIterations() {
        return passwordIterations;
    }

    /** The hash new and outdated passwords get: {@code twostep.password.algorithm} with its parameters. */
    public PasswordHash passwordHash() {
        return PasswordHash.of(passwordAlgorithm, passwordIterations, argon2MemoryKib, argon2Iterations, argon2Parallelism);
    }

    /** The HMAC of new authenticator apps: {@code SHA1}, {@code SHA256} or {@code SHA512}. */
    public String totpAlgorithm() {
        return totpAlgorithm;
    }

    /** The number of digits of new authenticator apps' codes: 6 or 8. */
    public int totpDigits() {
        return totpDigits;
    }

    public int totpWindow() {
        return totpWindow;
    }

    public Duration challengeTtl() {
        return Duration.parse(challengeTtl);
    }

    public int challengeMaxAttempts() {
        return challengeMaxAttempts;
    }

    public Duration challengeRetention() {
        return Duration.parse(challengeRetention);
    }

    /** How long audit events are kept: the sweeper deletes older ones. */
    public Duration auditRetention() {
        return Duration.parse(auditRetention);
    }

    public Duration sweeperInterval() {
        return Duration.parse(sweeperInterval);
    }

    /** Wrong second factors of one account, across logins, that lock it. */
    public int lockoutThreshold() {
        return lockoutThreshold;
    }

    /** How long a locked account stays locked. */
    public Duration lockoutDuration() {
        return Duration.parse(lockoutDuration);
    }

    /** The lockout of codes: threshold, first wait, longest wait, quiet period that forgets the escalation. */
    public Escalation codeLockout() {
        return new Escalation(lockoutThreshold(), lockoutDuration(), Duration.parse(lockoutMaxDuration),
                Duration.parse(lockoutResetAfter));
    }

    /** Lockouts of codes in a row after which codes stay refused until an administrator lifts it; 0: never. */
    public int lockoutPermanentAfter() {
        return lockoutPermanentAfter;
    }

    /** How long a sign-in lasts at most, whatever the session's activity; then the password and second factor again. */
    public Duration sessionMaxLifetime() {
        return Duration.parse(sessionMaxLifetime);
    }

    /** How often a signed-in session's account is looked up again (disabled meanwhile: the session ends). */
    public Duration sessionRecheck() {
        return Duration.parse(sessionRecheck);
    }

    /** Password attempts a client address may make per {@link #rateLimitWindow}; 0: no limit. */
    public int rateLimitPasswords() {
        return rateLimitPasswords;
    }

    /** Other unauthenticated requests (opening a passkey sign-in) an address may make per window; 0: no limit. */
    public int rateLimitRequests() {
        return rateLimitRequests;
    }

    public Duration rateLimitWindow() {
        return Duration.parse(rateLimitWindow);
    }

    /** The wait of a username's password step after wrong passwords. */
    public Escalation passwordLockout() {
        return new Escalation(passwordLockoutThreshold, Duration.parse(passwordLockoutDuration),
                Duration.parse(passwordLockoutMaxDuration), Duration.parse(lockoutResetAfter));
    }

    /** How recently a second factor must have been proven for a sensitive change (removing one, new recovery codes). */
    public Duration stepUpWindow() {
        return Duration.parse(stepUpWindow);
    }

    /** A base64-encoded 256-bit key for secrets at rest; when absent a key file is used. */
    /** How long a browser its owner trusted skips the second step; zero: nobody is offered it. */
    public Duration trustedBrowserLifetime() {
        return Duration.parse(trustedBrowserLifetime);
    }

    /** Whether security notices are queued and sent (configure-mail.cli turns them on with the relay). */
    public boolean noticesEnabled() {
        return noticesEnabled;
    }

    /** The notices' From address. */
    public String noticesFrom() {
        return noticesFrom;
    }

    /** How often the queue of notices is looked at. */
    public Duration noticesInterval() {
        return Duration.parse(noticesInterval);
    }

    /** How long a notice the relay keeps refusing is tried again before it is given up on (and logged). */
    public Duration noticesGiveUpAfter() {
        return Duration.parse(noticesGiveUpAfter);
    }

    /** The zone the pages and notices show times in, named beside them: the server's unless set. */
    public ZoneId timeZone() {
        return timeZone.map(ZoneId::of).orElse(ZoneId.systemDefault());
    }

    public Optional<String> secretKey() {
        return secretKey;
    }

    public String secretKeyId() {
        return secretKeyId;
    }

    /**
     * Keys that only open what they sealed, during a rotation: {@code id:base64} pairs, comma-separated;
     * empty when none.
     */
    public List<String> oldSecretKeys() {
        return oldSecretKeys.map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList())
                .orElse(List.of());
    }

    /** A production server: what the embedded default would generate (a key file) must be configured instead. */
    public boolean production() {
        return production;
    }

    /** The WebAuthn relying party id; when absent, the host the request arrived on. */
    public Optional<String> webAuthnRpId() {
        return webAuthnRpId;
    }

    /** The origins WebAuthn responses may come from; when absent, the origin the request arrived on. */
    public Optional<List<String>> webAuthnOrigins() {
        return webAuthnOrigins;
    }

    /** How long a WebAuthn ceremony (the browser's prompt) may take. */
    public Duration webAuthnTimeout() {
        return Duration.parse(webAuthnTimeout);
    }

    /** The OpenID Connect issuer, e.g. {@code https://login.example.com/twostep}; when absent, derived from the request. */
    public Optional<String> oidcIssuer() {
        return oidcIssuer;
    }

    /** A JWK set (JSON) of private signing keys, the first one current; when absent, a key file is used. */
    public Optional<String> oidcSigningKeys() {
        return oidcSigningKeys;
    }

    /** The client ids of the applications to register at deployment; each has {@code twostep.oidc.client.<id>.*} properties. */
    public List<String> oidcClients() {
        return oidcClients.orElse(List.of());
    }

    /** How long an ID or access token is valid. */
    public Duration oidcTokenLifetime() {
        return Duration.parse(oidcTokenLifetime);
    }

    /** How long a refresh token may wait to be used: an application idle longer signs in again. */
    public Duration oidcRefreshTokenIdle() {
        return Duration.parse(oidcRefreshTokenIdle);
    }

    /** How long an application may go on refreshing its tokens after the sign-in it got them from. */
    public Duration oidcRefreshTokenLifetime() {
        return Duration.parse(oidcRefreshTokenLifetime);
    }

    public Optional<String> adminInitialPassword() {
        return adminInitialPassword;
    }
}
