package org.twostep.webauthn;

import org.twostep.refusal.Reason;
import org.twostep.refusal.VerificationException;

/**
 * A WebAuthn response refused, with the precise reason ({@code WEBAUTHN_BAD_SIGNATURE}, ...).
 * webauthn4j has one exception class per failure; {@link WebAuthnVerifier} maps them to reasons in
 * one place.
 */
public final class WebAuthnRefusedException extends VerificationException {

    private static final long serialVersionUID = 1L;

    public WebAuthnRefusedException(Reason reason) {
        super(reason);
    }
}
