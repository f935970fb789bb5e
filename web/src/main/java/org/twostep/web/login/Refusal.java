package org.twostep.web.login;

import jakarta.servlet.http.HttpServletRequest;
import org.twostep.audit.Reason;

/**
 * What a user is told when a login step is refused: a short, safe message. The audit trail keeps the
 * precise reason; here wrong password and unknown user read the same.
 *
 * <pre>{@code
 * Refusal.record(request, e.reason());       // in the mechanism
 * String message = Refusal.message(request); // in the page bean
 * }</pre>
 */
public final class Refusal {

    static final String KEY = "org.twostep.web.login.Refusal";

    private Refusal() {
    }

    static void record(HttpServletRequest request, Reason reason) {
        request.setAttribute(KEY, reason);
    }

    /** The message for this request's refusal; a generic one if the mechanism recorded none. */
    public static String message(HttpServletRequest request) {
        return request.getAttribute(KEY) instanceof Reason reason ? message(reason) : "Sign-in failed. Please try again.";
    }

    /** The reason the mechanism recorded for this request's refusal, or null. */
    public static Reason reasonOf(HttpServletRequest request) {
        return request.getAttribute(KEY) instanceof Reason reason ? reason : null;
    }

    /** Whether the refusal ends the pending login, so that the user must start again with the password. */
    static boolean endsLogin(Reason reason) {
        return switch (reason) {
            case NO_PENDING_CHALLENGE, CHALLENGE_EXPIRED, TOO_MANY_ATTEMPTS, LOCKED_OUT -> true;
            default -> false;
        };
    }

    public static String message(Reason reason) {
        return switch (reason) {
            case BAD_PASSWORD, UNKNOWN_USER, ACCOUNT_DISABLED -> "Wrong username or password.";
            case INVALID_INPUT -> "Enter your username (up to 64 letters, digits or . _ - @ +) and your password.";
            case FACTOR_NAME_INVALID -> "Enter a name of 1 to 64 characters.";
            case MALFORMED_CODE -> "Enter the code from your authenticator app: digits only, nothing else.";
            case TOTP_MISMATCH -> "That code is not right. Check the app and try again.";
            case TOTP_REPLAYED -> "That code was already used. Wait for the next code and enter it.";
            case CLOCK_SKEW_SUSPECTED -> "That code is not valid now. Check that your phone's clock is set automatically.";
            case CHALLENGE_EXPIRED -> "Your sign-in took too long. Please sign in again.";
            case TOO_MANY_ATTEMPTS -> "Too many wrong codes. Please sign in again.";
            case LOCKED_OUT -> "Too many failed attempts: this account is locked for a while. Try again later, or ask your help desk.";
            case NO_PENDING_CHALLENGE -> "No sign-in is in progress. Please sign in.";
            case ENROLLMENT_NOT_PENDING -> "This setup is no longer open. Please sign in again.";
            case MALFORMED_RECOVERY_CODE -> "A recovery code has 24 letters and digits, like ABCD-EFGH-JKMN-PQRS-TUVW-XYZ2.";
            case RECOVERY_CODE_MISMATCH -> "That recovery code is not right.";
            case RECOVERY_CODE_REPLAYED -> "That recovery code was already used. Each code works once.";
            case WEBAUTHN_MALFORMED -> "The browser's answer could not be read. Please try again.";
            case WEBAUTHN_NO_CEREMONY -> "That request expired or was already answered. Please try again.";
            case WEBAUTHN_USER_NOT_VERIFIED -> "Your passkey must confirm it is you (PIN, fingerprint or face). Try again or use your password.";
            case WEBAUTHN_ALREADY_REGISTERED -> "This security key is registered already.";
            case WEBAUTHN_UNKNOWN_CREDENTIAL, WEBAUTHN_FOREIGN_CREDENTIAL -> "This security key or passkey is not registered for this account.";
            case WEBAUTHN_BAD_CHALLENGE, WEBAUTHN_BAD_ORIGIN, WEBAUTHN_BAD_RP_ID, WEBAUTHN_BAD_SIGNATURE,
                 WEBAUTHN_COUNTER_REGRESSED, WEBAUTHN_USER_NOT_PRESENT, WEBAUTHN_REFUSED -> "The security key's answer was not accepted.";
            case FACTOR_REMOVAL_REFUSED -> "This is your last second factor: add another before removing it.";
            case FACTOR_NOT_FOUND -> "That factor is no longer on your account. Reload the page.";
            case NONE -> "Sign-in failed. Please try again.";
        };
    }
}
