package org.twostep.audit;

/** What happened, as the audit trail and the admin console name it. */
public enum EventType {
    /** Username and password were accepted; a second factor is pending. */
    FIRST_FACTOR_OK,
    /** Username and password were refused (see the reason). */
    FIRST_FACTOR_FAILED,
    /** A second-factor proof was refused (see the reason). */
    SECOND_FACTOR_FAILED,
    /** Both factors proven: the caller is signed in. The method says with what. */
    LOGIN_OK,
    /** Too many wrong second factors locked the account for a while. */
    ACCOUNT_LOCKED,
    /** A signed-in caller proved a second factor again (step-up). */
    STEP_UP_OK,
    /** A pending challenge passed its time to live. */
    CHALLENGE_EXPIRED,
    /** A signed-in caller was asked to prove a second factor again before a sensitive change. */
    STEP_UP_STARTED,
    /** A recovery code was spent to sign in (both factors: password and the code). */
    RECOVERY_CODE_USED,
    /** A new set of recovery codes replaced the old one. */
    RECOVERY_CODES_REGENERATED,
    /** A new second factor became active. */
    FACTOR_ADDED,
    /** A second factor was removed by its owner. */
    FACTOR_REMOVED,
    /** A second factor was renamed by its owner. */
    FACTOR_RENAMED,
    /** A new second factor was refused (see the reason). */
    FACTOR_REFUSED,
    /** Too many wrong passwords for a username: its password step waits (see the detail for until when). */
    PASSWORD_WAIT_STARTED,
    /** The caller signed out. */
    LOGOUT,
    /** TwoStep ended a signed-in session itself: past its lifetime, or its account no longer active (see the detail). */
    SESSION_ENDED,
    /** The caller asked not to be asked for a second factor on this browser again, for a while. */
    TRUSTED_BROWSER_ADDED,
    /** A trusted browser's cookie was refused (see the reason: unknown, expired, revoked, or reused: a copy). */
    TRUSTED_BROWSER_REFUSED,
    /** Trusted browsers were revoked (see the detail: which, and why). */
    TRUSTED_BROWSER_REVOKED,
    /** The account's password was changed by its owner. */
    PASSWORD_CHANGED,
    /** A new password was refused (see the reason). */
    PASSWORD_CHANGE_REFUSED,
    /** An account was created (the bootstrap administrator, for instance). */
    ACCOUNT_CREATED,
    /** A password hash was upgraded to the configured algorithm and iterations. */
    PASSWORD_REHASHED,
    /** An authorization code was issued to an application (OpenID Connect). */
    OIDC_CODE_ISSUED,
    /** An application redeemed a code for an ID token (OpenID Connect). */
    OIDC_TOKEN_ISSUED,
    /** An application renewed its tokens with a refresh token (OpenID Connect). */
    OIDC_TOKEN_REFRESHED,
    /** An application signed its user out and ended its grant (OpenID Connect). */
    OIDC_GRANT_ENDED,
    /** An OpenID Connect request was refused (see the reason). */
    OIDC_REFUSED,
    /** An application was sent a Back-Channel Logout notice for an ended session (refused: not delivered). */
    OIDC_LOGOUT_NOTICE
}
