package io.hubbub.server.upstream;

import io.hubbub.protocol.DataType;
import io.hubbub.protocol.JsonText;
import io.hubbub.protocol.Payload;

/** Content types of user events, and the payload of a handler's reply. */
final class UserEventBodies {

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
                return JsonText.isSingleValue(body) ? Payload.json(body) : new Payload(DataType.TEXT, body);
            default:
                return Payload.binary(body);
        }
    }
}
