package org.twostep.oidc;

import jakarta.ejb.ApplicationException;
import java.util.Objects;
import org.twostep.refusal.Reason;

/**
 * A refusal in the spec's own words: an OAuth 2.0 / OpenID Connect error code (RFC 6749 §4.1.2.1,
 * §5.2; OpenID Connect Core §3.1.2.6) and a short description for the client's developer. Raised by
 * the check that finds it, turned into a response in one place by the endpoints. The description
 * never holds a code, secret or token.
 *
 * <pre>{@code
 * throw OidcException.invalidGrant(Reason.OIDC_CODE_REPLAYED, "the code was redeemed already");
 * }</pre>
 */
@ApplicationException(rollback = false, inherited = true)
public class OidcException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String error;
    private final Reason reason;

    /**
     * @param error  the spec's error code, e.g. {@code invalid_grant}
     * @param reason the audit reason, e.g. {@code OIDC_CODE_REPLAYED}
     */
    public OidcException(String error, Reason reason, String description) {
        super(Objects.requireNonNull(description, "description"));
        this.error = Objects.requireNonNull(error, "error");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public static OidcException invalidRequest(String description) {
        return new OidcException("invalid_request", Reason.OIDC_INVALID_REQUEST, description);
    }

    public static OidcException invalidClient(String description) {
        return new OidcException("invalid_client", Reason.OIDC_CLIENT_AUTH_FAILED, description);
    }

    public static OidcException invalidGrant(Reason reason, String description) {
        return new OidcException("invalid_grant", reason, description);
    }

    /** The spec's error code. */
    public String error() {
        return error;
    }

    /** What the audit trail records. */
    public Reason reason() {
        return reason;
    }

    /** A short description for the client's developer ({@code error_description}). */
    public String description() {
        return getMessage();
    }
}
