package org.twostep.refusal;

/**
 * Why a login or enrollment step ended the way it did; recorded in the audit trail and carried by
 * {@link VerificationException}. What each one means to the user is {@link Refusal#of}.
 *
 * <pre>{@code
 * try {
 *     new TotpVerifier(1).verify(secret, parameters, code, now, lastStep);
 * } catch (VerificationException e) {
 *     audit.refusal(AuditEvent.refused(EventType.SECOND_FACTOR_FAILED, e.reason(), attempt)); // e.g. TOTP_MISMATCH
 * }
 * }</pre>
 */
public enum Reason {
    /** The password did not match the stored hash. */
    BAD_PASSWORD,
    /** No account exists with the given user name. */
    UNKNOWN_USER,
    /** The account exists but is disabled. */
    ACCOUNT_DISABLED,
    /** The request was missing fields or had values of the wrong shape. */
    INVALID_INPUT,
    /** A step that needs a signed-in caller was asked for by a session with none. */
    NOT_SIGNED_IN,
    /** A code was submitted but no second-factor challenge is open for this session. */
    NO_PENDING_CHALLENGE,
    /** The database was busy or unreachable, or too many requests waited for the account: nothing was done, try again. */
    SERVICE_BUSY,
    /** Too many attempts from one client address: refused until its limit allows more. */
    RATE_LIMITED,
    /** The second-factor challenge was open too long and has expired. */
    CHALLENGE_EXPIRED,
    /** Too many failed attempts on one challenge; the user starts again. */
    TOO_MANY_ATTEMPTS,
    /** Too many wrong second factors across logins: the account is locked for a while. */
    LOCKED_OUT,
    /** The code was not exactly the expected number of ASCII digits. */
    MALFORMED_CODE,
    /** The code matched no time step near the server's clock. */
    TOTP_MISMATCH,
    /** The code matched a time step that was already used (RFC 6238 §5.2: one use per step). */
    TOTP_REPLAYED,
    /** The code matched a time step well outside the accepted window: the device clock is likely off. */
    CLOCK_SKEW_SUSPECTED,
    /** The enrollment to confirm is not pending for this account: confirmed already, or never started. */
    ENROLLMENT_NOT_PENDING,
    /** The recovery code was not 24 characters of the recovery alphabet. */
    MALFORMED_RECOVERY_CODE,
    /** The recovery code is none of the account's current set. */
    RECOVERY_CODE_MISMATCH,
    /** The recovery code belongs to the account but was already used. */
    RECOVERY_CODE_REPLAYED,
    /** The WebAuthn response was not valid JSON of the expected shape, or was empty or too large. */
    WEBAUTHN_MALFORMED,
    /** No open WebAuthn ceremony for this response: none started, already used, or expired. */
    WEBAUTHN_NO_CEREMONY,
    /** The response signed another challenge than the one issued. */
    WEBAUTHN_BAD_CHALLENGE,
    /** The response came from an origin that is not allowed. */
    WEBAUTHN_BAD_ORIGIN,
    /** The authenticator data is for another relying party id. */
    WEBAUTHN_BAD_RP_ID,
    /** The assertion's signature does not verify with the stored public key. */
    WEBAUTHN_BAD_SIGNATURE,
    /** The signature counter did not increase although the authenticator uses one: a cloned key is possible. */
    WEBAUTHN_COUNTER_REGRESSED,
    /** The authenticator did not report user presence. */
    WEBAUTHN_USER_NOT_PRESENT,
    /** User verification (PIN, biometric) was required and not performed. */
    WEBAUTHN_USER_NOT_VERIFIED,
    /** No account has this credential. */
    WEBAUTHN_UNKNOWN_CREDENTIAL,
    /** The credential belongs to another account than the one signing in. */
    WEBAUTHN_FOREIGN_CREDENTIAL,
    /** This credential is registered already. */
    WEBAUTHN_ALREADY_REGISTERED,
    /** Any other refusal by the WebAuthn verifier (algorithm, flags, attestation). */
    WEBAUTHN_REFUSED,
    /** A factor's new name is empty or longer than 64 characters. */
    FACTOR_NAME_INVALID,
    /** The factor to change is not one of the caller's (a stale page, or someone else's). */
    FACTOR_NOT_FOUND,
    /** Removing this factor would leave the account without a second factor. */
    FACTOR_REMOVAL_REFUSED,
    /** A sensitive change needs a second factor proven within the step-up window, and the last one is older. */
    STEP_UP_REQUIRED,
    /** A trusted-browser cookie that names no trust of this account (or is not one at all). */
    TRUSTED_BROWSER_UNKNOWN,
    /** A trusted browser past its lifetime. */
    TRUSTED_BROWSER_EXPIRED,
    /** A trusted browser its owner, a password change, a removed factor or an administrator revoked. */
    TRUSTED_BROWSER_REVOKED,
    /** An earlier cookie of a trusted browser came back: a copy. The whole series is revoked. */
    TRUSTED_BROWSER_REUSED,
    /** The current password typed to change it was wrong. */
    PASSWORD_WRONG,
    /** A new password shorter than the minimum, or longer than the maximum. */
    PASSWORD_LENGTH,
    /** A new password found in the list of common passwords. */
    PASSWORD_COMMON,
    /** The new password and its repetition differ. */
    PASSWORD_REPEAT_MISMATCH,
    /** OpenID Connect: no client is registered with this client id. */
    OIDC_UNKNOWN_CLIENT,
    /** OpenID Connect: the redirect URI is not one the client registered, to the letter. */
    OIDC_REDIRECT_URI_MISMATCH,
    /** OpenID Connect: a parameter is missing, repeated, or not one this provider supports. */
    OIDC_INVALID_REQUEST,
    /** OpenID Connect: the client's secret (or its absence) does not authenticate it. */
    OIDC_CLIENT_AUTH_FAILED,
    /** OpenID Connect: the PKCE verifier does not match the challenge, or a public client sent none. */
    OIDC_PKCE_MISMATCH,
    /** OpenID Connect: the authorization code was redeemed already; what the first redemption issued is revoked. */
    OIDC_CODE_REPLAYED,
    /** OpenID Connect: the authorization code outlived its 60 seconds, or was never issued. */
    OIDC_CODE_EXPIRED,
    /** OpenID Connect: the code was issued to another client, or for another redirect URI. */
    OIDC_CODE_MISMATCH,
    /** OpenID Connect: the application asked for a phishing-resistant factor (acr phr) the caller has not or did not use. */
    OIDC_UNMET_ACR,
    /** OpenID Connect: {@code prompt=none} and nobody is signed in. */
    OIDC_LOGIN_REQUIRED,
    /** OpenID Connect: the refresh token is unknown or expired, or its grant was revoked or has ended. */
    OIDC_REFRESH_TOKEN_INVALID,
    /** OpenID Connect: the refresh token was used already; its grant is revoked. */
    OIDC_REFRESH_TOKEN_REPLAYED,
    /** OpenID Connect: the client is for members of groups the caller is in none of. */
    OIDC_NO_ACCESS,
    /** OpenID Connect: a client's back-channel logout URI did not accept the logout token (or did not answer). */
    OIDC_LOGOUT_NOT_DELIVERED,
    /** Nothing went wrong; used when recording successes. */
    NONE
}
