package org.twostep.totp;

import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;

/**
 * The submitted code matches a time step at or before the last accepted one (RFC 6238 §5.2). Reason: {@link Reason#TOTP_REPLAYED}.
 *
 * <pre>{@code
 * try {
 *     verifier.verify(secret, params, code, now, lastStep);
 * } catch (TotpReplayedException e) {
 *     assert e.reason() == Reason.TOTP_REPLAYED;
 * }
 * }</pre>
 */
public final class TotpReplayedException extends VerificationException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with reason {@link Reason#TOTP_REPLAYED}. */
    public TotpReplayedException() {
        super(Reason.TOTP_REPLAYED);
    }
}
