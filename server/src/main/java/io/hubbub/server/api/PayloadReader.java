package io.hubbub.server.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.hubbub.protocol.Payload;
import io.hubbub.protocol.rest.ErrorBody;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.Locale;

/**
 * Turns a REST send body into a {@link Payload} by its media type: text/plain is text, application/json is JSON
 * (validated, passed through unchanged), application/octet-stream, or no/empty Content-Type, is binary.
 */
final class PayloadReader {

    private static final JsonFactory JSON = new JsonFactory();

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
        try (JsonParser parser = JSON.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw ApiException.badRequest("The application/json body is empty.");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw ApiException.badRequest("The application/json body holds more than one JSON value.");
            }
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("The application/json body is not valid JSON: "
                    + e.getOriginalMessage() + ".");
        } catch (IOException e) {
            throw ApiException.badRequest("The application/json body is not valid JSON.");
        }
    }
}
