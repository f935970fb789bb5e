package org.twostep.refusal;

import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The one refusal table: for each {@link Reason}, everything a refusal produces outside the audit
 * trail. The user's message (short and safe: a wrong password and an unknown user read the same),
 * whether it ends the login so that the user starts again with the password, and the HTTP status
 * the JSON endpoints answer with. The audit row always carries the precise reason with outcome
 * {@code FAILURE}. The switch has no default: a new reason does not compile until it has a row here.
 *
 * <pre>{@code
 * Refusal refusal = Refusal.of(Reason.TOTP_REPLAYED);
 * refusal.message();    // "That code was already used. Wait for the next code and enter it."
 * refusal.endsLogin();  // false: the user may try the next code
 * refusal.status();     // 403
 * Refusal.of(e).retryAt();  // when a busy, rate-limited or locked-out client may try again; else null
 * }</pre>
 */
public record Refusal(Reason reason, String message, boolean endsLogin, int status, Instant retryAt) {

    static final int BAD_REQUEST = 400;
    static final int UNAUTHORIZED = 401;
    static final int FORBIDDEN = 403;
    static final int CONFLICT = 409;
    static final int TOO_MANY_REQUESTS = 429;
    static final int SERVICE_UNAVAILABLE = 503;

    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm z", Locale.ROOT);

    private static final boolean ENDS_LOGIN = true;
    private static final boolean GOES_ON = false;

    /** The messages, by reason ({@code refusals.properties}): English, or a deployment's translation. */
    private static final ResourceBundle TEXTS = ResourceBundle.getBundle("org.twostep.refusal.refusals");

    /** The generic message, for a refusal without a reason (no identity store took the credential). */
    public static final String GENERIC_MESSAGE = TEXTS.getString(Reason.NONE.name());

    /** The refusal a thrown exception stands for; a rate limit's message names the time to try again. */
    public static Refusal of(VerificationException e) {
        Refusal row = of(e.reason());
        Instant retryAt = e.retryAt();
        if (retryAt == null) {
            return row;
        }
        String at = CLOCK_TIME.format(retryAt.atZone(ZoneId.systemDefault()));
        String message = switch (row.reason) {
            case RATE_LIMITED, LOCKED_OUT -> MessageFormat.format(TEXTS.getString(row.reason.name() + ".at"), at);
            default -> row.message;
        };
        return new Refusal(row.reason, message, row.endsLogin, row.status, retryAt);
    }

    /** Whether the client is told when to try again ({@code Retry-After}): busy, or over a rate limit. */
    public boolean isTemporary() {
        return status == TOO_MANY_REQUESTS || status == SERVICE_UNAVAILABLE;
    }

    /** Whole seconds from {@code now} to {@link #retryAt}, rounded up, at least 1; for {@code Retry-After}. */
    public long retryAfterSeconds(Instant now) {
        if (retryAt == null) {
            return 1;
        }
        long millis = Duration.between(now, retryAt).toMillis();
        return Math.max(1, (millis + 999) / 1000); // rounded up: a client that waits that long finds it over
    }

    public static Refusal of(Reason reason) {
        return switch (reason) {
            case BAD_PASSWORD, UNKNOWN_USER, ACCOUNT_DISABLED ->
                    row(reason, GOES_ON, FORBIDDEN);
            case INVALID_INPUT ->
                    row(reason, GOES_ON, BAD_REQUEST);
            case NOT_SIGNED_IN ->
                    row(reason, GOES_ON, UNAUTHORIZED);
            case NO_PENDING_CHALLENGE ->
                    row(reason, ENDS_LOGIN, UNAUTHORIZED);
            case SERVICE_BUSY ->
                    row(reason, GOES_ON, SERVICE_UNAVAILABLE);
            case RATE_LIMITED ->
                    row(reason, GOES_ON, TOO_MANY_REQUESTS);
            case CHALLENGE_EXPIRED ->
                    row(reason, ENDS_LOGIN, FORBIDDEN);
            case TOO_MANY_ATTEMPTS ->
                    row(reason, ENDS_LOGIN, FORBIDDEN);
            case LOCKED_OUT ->
                    row(reason, GOES_ON, FORBIDDEN);
            case MALFORMED_CODE ->
                    row(reason, GOES_ON, BAD_REQUEST);
            // A code right for another time step is told like a wrong one: a guesser holding the password must
            // not learn that a guess will be right later. The skew goes to the audit trail and the help desk.
            case TOTP_MISMATCH, CLOCK_SKEW_SUSPECTED ->
                    row(reason, GOES_ON, FORBIDDEN);
            case TOTP_REPLAYED ->
                    row(reason, GOES_ON, FORBIDDEN);
            case ENROLLMENT_NOT_PENDING ->
                    row(reason, GOES_ON, CONFLICT);
            case MALFORMED_RECOVERY_CODE ->
                    row(reason, GOES_ON, BAD_REQUEST);
            case RECOVERY_CODE_MISMATCH ->
                    row(reason, GOES_ON, FORBIDDEN);
            case RECOVERY_CODE_REPLAYED ->
                    row(reason, GOES_ON, FORBIDDEN);
            case WEBAUTHN_MALFORMED ->
                    row(reason, GOES_ON, BAD_REQUEST);
            case WEBAUTHN_NO_CEREMONY ->
                    row(reason, GOES_ON, FORBIDDEN);
            case WEBAUTHN_USER_NOT_VERIFIED ->
                    row(reason, GOES_ON, FORBIDDEN);
            case WEBAUTHN_ALREADY_REGISTERED ->
                    row(reason, GOES_ON, CONFLICT);
            case WEBAUTHN_UNKNOWN_CREDENTIAL, WEBAUTHN_FOREIGN_CREDENTIAL ->
                    row(reason, GOES_ON, FORBIDDEN);
            case WEBAUTHN_BAD_CHALLENGE, WEBAUTHN_BAD_ORIGIN, WEBAUTHN_BAD_RP_ID, WEBAUTHN_BAD_SIGNATURE,
                 WEBAUTHN_COUNTER_REGRESSED, WEBAUTHN_USER_NOT_PRESENT, WEBAUTHN_REFUSED ->
                    row(reason, GOES_ON, FORBIDDEN);
            case FACTOR_NAME_INVALID ->
                    row(reason, GOES_ON, BAD_REQUEST);
            case FACTOR_NOT_FOUND ->
                    row(reason, GOES_ON, CONFLICT);
            case FACTOR_REMOVAL_REFUSED ->
                    row(reason, GOES_ON, CONFLICT);
            case STEP_UP_REQUIRED ->
                    row(reason, GOES_ON, FORBIDDEN);
            // Never shown: a refused trust asks for the second factor, as if there had been none.
            case TRUSTED_BROWSER_UNKNOWN, TRUSTED_BROWSER_EXPIRED, TRUSTED_BROWSER_REVOKED, TRUSTED_BROWSER_REUSED ->
                    row(reason, GOES_ON, FORBIDDEN);
            case PASSWORD_WRONG ->
                    row(reason, GOES_ON, FORBIDDEN);
            case PASSWORD_LENGTH ->
                    // Its numbers are PasswordRules' (a test holds them together).
                    row(reason, GOES_ON, BAD_REQUEST);
            case PASSWORD_COMMON ->
                    row(reason, GOES_ON, BAD_REQUEST);
            case PASSWORD_REPEAT_MISMATCH ->
                    row(reason, GOES_ON, BAD_REQUEST);
            case OIDC_UNKNOWN_CLIENT ->
                    row(reason, GOES_ON, BAD_REQUEST);
            case OIDC_REDIRECT_URI_MISMATCH ->
                    row(reason, GOES_ON, BAD_REQUEST);
            case OIDC_INVALID_REQUEST ->
                    row(reason, GOES_ON, BAD_REQUEST);
            case OIDC_CLIENT_AUTH_FAILED ->
                    row(reason, GOES_ON, UNAUTHORIZED);
            case OIDC_PKCE_MISMATCH, OIDC_CODE_REPLAYED, OIDC_CODE_EXPIRED, OIDC_CODE_MISMATCH, OIDC_REFRESH_TOKEN_INVALID,
                 OIDC_REFRESH_TOKEN_REPLAYED ->
                    row(reason, GOES_ON, BAD_REQUEST);
            case OIDC_UNMET_ACR ->
                    row(reason, GOES_ON, FORBIDDEN);
            case OIDC_LOGIN_REQUIRED ->
                    row(reason, GOES_ON, UNAUTHORIZED);
            case OIDC_NO_ACCESS ->
                    row(reason, GOES_ON, FORBIDDEN);
            case OIDC_LOGOUT_NOT_DELIVERED ->
                    row(reason, GOES_ON, BAD_REQUEST);
            case NONE ->
                    row(reason, GOES_ON, FORBIDDEN);
        };
    }

    /** A reason's row: its message from {@code refusals.properties}. */
    private static Refusal row(Reason reason, boolean endsLogin, int status) {
        return new Refusal(reason, TEXTS.getString(reason.name()), endsLogin, status, null);
    }
}
