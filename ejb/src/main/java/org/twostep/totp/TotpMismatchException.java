package org.twostep.totp;

import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;

/**
 * The submitted code matches no time step within ±10 steps of now. Reason: {@link Reason#TOTP_MISMATCH}.
 *
 * <pre>{@code
 * try {
 *     verifier.verify(secret, params, code, now, lastStep);
 * } catch (TotpMismatchException e) {
 *     assert e.reason() == Reason.TOTP_MISMATCH;
 * }
 * }</pre>
 */
public final class TotpMismatchException extends VerificationException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with reason {@link Reason#TOTP_MISMATCH}. */
    public TotpMismatchException() {
        super(Reason.TOTP_MISMATCH);
    }
}
