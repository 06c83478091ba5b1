package io.hubbub.chat.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubbub.chat.domain.ChatException;
import java.io.IOException;

/** Request bodies: JSON objects read with clear errors instead of a stack trace. */
public final class Bodies {

    private Bodies() {
    }

    /** The body as a JSON object; an empty body is an empty object when {@code emptyAllowed}. */
    public static JsonNode object(ObjectMapper json, byte[] body, boolean emptyAllowed) {
        if (body.length == 0 && emptyAllowed) {
            return json.createObjectNode();
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ChatException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ChatException.badRequest("the body could not be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw ChatException.badRequest("the body must be a JSON object");
        }
        return node;
    }

    /** A string field, or null when absent; a field of another type is an error. */
    public static String string(JsonNode object, String field) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ChatException.badRequest("'" + field + "' must be a string");
        }
        return v.asText();
    }

    public static String requiredString(JsonNode object, String field) {
        String v = string(object, field);
        if (v == null) {
            throw ChatException.badRequest("'" + field + "' is required");
        }
        return v;
    }

    /** An optional whole-number query parameter. */
    public static Long longParam(String raw, String name) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ChatException.badRequest(name + " must be a whole number, was '" + raw + "'");
        }
    }

    public static Integer intParam(String raw, String name) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw ChatException.badRequest(name + " must be a whole number, was '" + raw + "'");
        }
    }
}
