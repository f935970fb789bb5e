package org.twostep.audit;

/** The kind of proof an audited step used. */
public enum Method {
    PASSWORD,
    TOTP,
    RECOVERY_CODE
}
