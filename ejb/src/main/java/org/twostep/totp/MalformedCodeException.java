package org.twostep.totp;

import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;

/**
 * The submitted code is not exactly the expected number of ASCII digits. Reason: {@link Reason#MALFORMED_CODE}.
 *
 * <pre>{@code
 * try {
 *     verifier.verify(secret, params, code, now, lastStep);
 * } catch (MalformedCodeException e) {
 *     assert e.reason() == Reason.MALFORMED_CODE;
 * }
 * }</pre>
 */
public final class MalformedCodeException extends VerificationException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with reason {@link Reason#MALFORMED_CODE}. */
    public MalformedCodeException() {
        super(Reason.MALFORMED_CODE);
    }
}
