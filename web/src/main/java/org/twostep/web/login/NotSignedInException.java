package org.twostep.web.login;

import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;

/** A step that needs a signed-in caller was asked for by a session with none: {@code NOT_SIGNED_IN}, 401. */
public final class NotSignedInException extends VerificationException {

    private static final long serialVersionUID = 1L;

    public NotSignedInException() {
        super(Reason.NOT_SIGNED_IN);
    }
}
