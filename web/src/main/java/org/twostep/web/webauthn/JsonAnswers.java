package org.twostep.web.webauthn;

import jakarta.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The JSON the WebAuthn endpoints answer with: {@code {"message": ...}} for refusals, {@code {"redirect": ...}} to go on. */
final class JsonAnswers {

    private JsonAnswers() {
    }

    static Response message(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.createObjectBuilder().add("message", message).build()).build();
    }

    static Response redirect(String next) {
        return Response.ok(Json.createObjectBuilder().add("redirect", next).build(), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
