package org.twostep.web.webauthn;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Reads a {@link BoundedBody} one byte past its limit at most: a huge body is refused with a 400
 * without being held in memory. A broken upload reads as an empty body.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class BoundedBodyReader implements MessageBodyReader<BoundedBody> {

    static final String TOO_LARGE = "The request is too large.";

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == BoundedBody.class;
    }

    @Override
    public BoundedBody readFrom(Class<BoundedBody> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                                MultivaluedMap<String, String> headers, InputStream stream) {
        byte[] bytes;
        try {
            bytes = stream.readNBytes(BoundedBody.MAX_BYTES + 1);
        } catch (IOException e) {
            return new BoundedBody("");
        }
        if (bytes.length > BoundedBody.MAX_BYTES) {
            throw new WebApplicationException(JsonAnswers.message(400, TOO_LARGE));
        }
        return new BoundedBody(new String(bytes, StandardCharsets.UTF_8));
    }
}
