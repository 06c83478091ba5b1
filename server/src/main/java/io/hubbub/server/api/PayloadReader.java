package io.hubbub.server.api;

import io.hubbub.protocol.JsonText;
import io.hubbub.protocol.Payload;
import io.hubbub.protocol.rest.ErrorBody;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Locale;

/**
 * Turns a REST send body into a {@link Payload} by its media type: text/plain is text, application/json is JSON
 * (validated, passed through unchanged), application/octet-stream, or no/empty Content-Type, is binary.
 */
final class PayloadReader {

    private PayloadReader() {
    }

    static Payload read(RestRequest request) {
        String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        String mediaType = mediaType(contentType);
        byte[] body = request.body();
        switch (mediaType) {
            case "text/plain":
                requireUtf8(body);
                return new Payload(io.hubbub.protocol.DataType.TEXT, body);
            case "application/json":
                requireJson(body);
                return Payload.json(body);
            case "", "application/octet-stream":
                return Payload.binary(body);
            default:
                throw new ApiException(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, ErrorBody.UNSUPPORTED_MEDIA_TYPE,
                        "The content type '" + contentType + "' is not supported; use text/plain, "
                                + "application/json or application/octet-stream.");
        }
    }

    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        String type = semicolon >= 0 ? contentType.substring(0, semicolon) : contentType;
        return type.trim().toLowerCase(Locale.ROOT);
    }

    private static void requireUtf8(byte[] body) {
        if (!Utf8.isWellFormed(body)) {
            throw ApiException.badRequest("The text/plain body is not valid UTF-8.");
        }
    }

    private static void requireJson(byte[] body) {
        String problem = JsonText.problem(body);
        if (problem != null) {
            throw ApiException.badRequest("The application/json body " + problem + ".");
        }
    }
}
