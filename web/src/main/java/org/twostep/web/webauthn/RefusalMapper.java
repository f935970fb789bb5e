package org.twostep.web.webauthn;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.twostep.refusal.Refusal;
import org.twostep.refusal.VerificationException;

/** A refusal thrown by an endpoint becomes its row of the {@link Refusal} table: the status and the short message. */
@Provider
public class RefusalMapper implements ExceptionMapper<VerificationException> {

    @Override
    public Response toResponse(VerificationException e) {
        return JsonAnswers.refusal(Refusal.of(e));
    }
}
