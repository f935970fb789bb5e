package org.twostep.web.login;

import jakarta.servlet.http.HttpServletRequest;
import org.twostep.refusal.Reason;
import org.twostep.refusal.Refusal;

/**
 * What the mechanism made of the credential a page or endpoint handed it, for that page or endpoint
 * to show: where the caller goes next (the mechanism has redirected a form already; a script gets
 * the address as JSON), or the refusal. Kept in the request only.
 *
 * <pre>{@code
 * LoginOutcome outcome = logins.submit(credential, response);  // or LoginOutcome.of(request) afterwards
 * if (outcome.isRefused()) { messages.refusal(outcome.refusal()); }
 * }</pre>
 */
public record LoginOutcome(String next, Refusal refusal, boolean alreadySignedIn) {

    static final String KEY = "org.twostep.web.login.LoginOutcome";

    /** The outcome when the mechanism recorded none: no identity store took the credential. */
    private static final LoginOutcome UNRECORDED = new LoginOutcome(null, Refusal.of(Reason.NONE), false);

    static void goOn(HttpServletRequest request, String next) {
        request.setAttribute(KEY, new LoginOutcome(next, null, false));
    }

    static void alreadySignedIn(HttpServletRequest request, String next) {
        request.setAttribute(KEY, new LoginOutcome(next, null, true));
    }

    static void refuse(HttpServletRequest request, Refusal refusal) {
        request.setAttribute(KEY, new LoginOutcome(null, refusal, false));
    }

    public static LoginOutcome of(HttpServletRequest request) {
        return request.getAttribute(KEY) instanceof LoginOutcome outcome ? outcome : UNRECORDED;
    }

    /** Whether the step was refused; {@link #refusal} then says how (its message, HTTP status, when to try again). */
    public boolean isRefused() {
        return refusal != null;
    }
}
