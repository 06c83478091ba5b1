package io.hubbub.protocol.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The Azure REST error body, {@code {"code":"...","message":"..."}}, sent with the same code in the
 * {@code x-ms-error-code} header. The SDKs surface both: JS as {@code RestError.code}, Python as "(code) message".
 */
public final class ErrorBody {

    public static final String HEADER = "x-ms-error-code";

    public static final String BAD_REQUEST = "Error.BadRequest";
    public static final String UNAUTHORIZED = "Error.Unauthorized";
    public static final String FORBIDDEN = "Error.Forbidden";
    public static final String NOT_FOUND = "Error.NotFound";
    public static final String METHOD_NOT_ALLOWED = "Error.MethodNotAllowed";
    public static final String PAYLOAD_TOO_LARGE = "Error.PayloadTooLarge";
    public static final String UNSUPPORTED_MEDIA_TYPE = "Error.UnsupportedMediaType";
    public static final String INTERNAL = "Error.InternalServerError";
    public static final String UNAVAILABLE = "Error.ServiceUnavailable";

    private static final JsonFactory JSON = new JsonFactory();

    private ErrorBody() {
    }

    public static byte[] encode(String code, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + message.length());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("code", code);
            g.writeStringField("message", message);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
