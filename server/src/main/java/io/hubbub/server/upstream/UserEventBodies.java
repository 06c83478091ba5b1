package io.hubbub.server.upstream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.hubbub.protocol.DataType;
import io.hubbub.protocol.Payload;
import java.io.IOException;

/** Content types of user events, and the payload of a handler's reply. */
final class UserEventBodies {

    private static final JsonFactory JSON = new JsonFactory();

    private UserEventBodies() {
    }

    static String contentType(DataType type) {
        return switch (type) {
            case TEXT -> "text/plain";
            case JSON -> "application/json";
            case BINARY -> "application/octet-stream";
            case PROTOBUF -> "application/x-protobuf";
        };
    }

    /**
     * The reply to relay: null for an empty body (express's {@code success()} sends an empty octet-stream); text for
     * text/plain; JSON for valid application/json (invalid JSON goes as text); bytes for anything else.
     */
    static Payload reply(WebhookResponse response) {
        byte[] body = response.body();
        if (response.status() == 204 || body.length == 0) {
            return null;
        }
        switch (response.mediaType()) {
            case "text/plain":
                return new Payload(DataType.TEXT, body);
            case "application/json":
                return isJson(body) ? Payload.json(body) : new Payload(DataType.TEXT, body);
            default:
                return Payload.binary(body);
        }
    }

    private static boolean isJson(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }
}
