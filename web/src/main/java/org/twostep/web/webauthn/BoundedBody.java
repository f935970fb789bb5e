package org.twostep.web.webauthn;

/**
 * A request body as text, read by {@link BoundedBodyReader} no further than {@link #MAX_BYTES}:
 * what the browser's {@code PublicKeyCredential} JSON arrives as. Empty when there was none; an
 * empty or malformed body is refused, and audited, as {@code WEBAUTHN_MALFORMED} by the verifier.
 */
public record BoundedBody(String text) {

    static final int MAX_BYTES = 64 * 1024;

    /** The text of a body, also when the runtime passed none at all. */
    static String textOf(BoundedBody body) {
        return body == null ? "" : body.text();
    }
}
