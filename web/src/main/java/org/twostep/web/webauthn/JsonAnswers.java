package org.twostep.web.webauthn;

import jakarta.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.twostep.refusal.Reason;
import org.twostep.refusal.Refusal;

/** The JSON the WebAuthn endpoints answer with: {@code {"message": ...}} for refusals, {@code {"redirect": ...}} to go on. */
final class JsonAnswers {

    private JsonAnswers() {
    }

    static Response message(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.createObjectBuilder().add("message", message).build()).build();
    }

    /** A refusal's status and message; a busy or rate-limited one says when to try again ({@code Retry-After}). */
    static Response refusal(Refusal refusal) {
        var body = Json.createObjectBuilder().add("message", refusal.message());
        if (refusal.reason() == Reason.WEBAUTHN_UNKNOWN_CREDENTIAL) {
            body.add("unknownCredential", true); // the page tells the browser's passkey store (Signal API)
        }
        Response.ResponseBuilder answer = Response.status(refusal.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body.build());
        if (refusal.isTemporary()) {
            answer.header("Retry-After", refusal.retryAfterSeconds(Instant.now()));
        }
        return answer.build();
    }

    static Response redirect(String next) {
        return Response.ok(Json.createObjectBuilder().add("redirect", next).build(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
