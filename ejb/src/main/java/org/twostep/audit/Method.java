package org.twostep.audit;

/** The kind of proof an audited step used. */
public enum Method {
    PASSWORD,
    TOTP,
    RECOVERY_CODE,
    /** A security key or passkey as the second factor, after the password. */
    WEBAUTHN,
    /** A passkey on its own, with user verification: both factors in one gesture. */
    PASSKEY,
    /** A browser its owner had trusted after a second factor: the password only, this time. */
    TRUSTED_BROWSER
}
