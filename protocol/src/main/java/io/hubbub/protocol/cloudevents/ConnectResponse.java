package io.hubbub.protocol.cloudevents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@code connect} handler's 200 JSON body may set; every field optional. An empty body means "accept as is".
 */
public record ConnectResponse(String userId, List<String> groups, List<String> roles, String subprotocol) {

    public static final ConnectResponse EMPTY = new ConnectResponse(null, List.of(), List.of(), null);
    private static final ObjectMapper JSON = new ObjectMapper();

    public ConnectResponse {
        groups = List.copyOf(groups);
        roles = List.copyOf(roles);
    }

    /** Parses a handler's body; blank = {@link #EMPTY}. */
    public static ConnectResponse parse(byte[] body) throws InvalidResponseException {
        if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return EMPTY;
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            throw new InvalidResponseException("the connect response is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidResponseException("the connect response must be a JSON object");
        }
        return new ConnectResponse(optionalText(node, "userId"), strings(node, "groups"), strings(node, "roles"),
                optionalText(node, "subprotocol"));
    }

    private static String optionalText(JsonNode node, String field) throws InvalidResponseException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidResponseException("'" + field + "' in the connect response must be a string");
        }
        return v.textValue().isBlank() ? null : v.textValue();
    }

    private static List<String> strings(JsonNode node, String field) throws InvalidResponseException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new InvalidResponseException("'" + field + "' in the connect response must be an array");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw new InvalidResponseException("'" + field + "' in the connect response must hold strings");
            }
            out.add(item.textValue());
        }
        return out;
    }

    /** The handler answered 2xx with a body that cannot be understood. */
    public static final class InvalidResponseException extends Exception {
        public InvalidResponseException(String message) {
            super(message, null, false, false);
        }
    }
}
