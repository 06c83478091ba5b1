package io.hubbub.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The known top-level fields of one client frame, read in a single streaming pass. Values are only captured here;
 * {@link JsonClientMessageDecoder} checks them against the message type, after the whole object was read, so an
 * {@code ackId} placed after a bad field is still known when the error is reported.
 */
final class FrameFields {

    /** A captured field value: its token, and its text for strings and numbers (null otherwise). */
    record Value(JsonToken token, String text) {
        boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }

        boolean isString() {
            return token == JsonToken.VALUE_STRING;
        }
    }

    Value type;
    Value group;
    Value event;
    Value invocationId;
    Value dataType;
    Value noEcho;
    Value sequenceId;
    Value data;
    /** Compact JSON of {@code data} when it is not a string (a string's JSON form is only built if needed). */
    byte[] dataJson;
    /** The valid ackId, else null (absent, JSON null or invalid). */
    Long ackId;
    /** Why the ackId present in the frame is invalid, else null. */
    String ackIdError;
    private boolean ackIdSeen;

    private FrameFields() {
    }

    static FrameFields scan(byte[] utf8, int offset, int length) throws MalformedMessageException {
        FrameFields f = new FrameFields();
        try (JsonParser p = JsonSupport.FACTORY.createParser(utf8, offset, length)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new MalformedMessageException("empty message", null);
            }
            if (first != JsonToken.START_OBJECT) {
                throw new MalformedMessageException("a message must be a JSON object", null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "type" -> f.type = capture(p, t);
                    case "group" -> f.group = capture(p, t);
                    case "event" -> f.event = capture(p, t);
                    case "invocationId" -> f.invocationId = capture(p, t);
                    case "dataType" -> f.dataType = capture(p, t);
                    case "noEcho" -> f.noEcho = capture(p, t);
                    case "sequenceId" -> f.sequenceId = capture(p, t);
                    case "ackId" -> f.readAckId(p, t);
                    case "data" -> f.readData(p, t);
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new MalformedMessageException("trailing content after the JSON object", f.ackId);
            }
        } catch (JsonProcessingException e) {
            Long ackId = f.ackIdSeen ? f.ackId : AckIdScanner.find(utf8, offset, length);
            throw new MalformedMessageException("invalid JSON: " + e.getOriginalMessage(), ackId);
        } catch (IOException e) {
            throw new UncheckedIOException("I/O error on an in-memory parser", e);
        }
        return f;
    }

    private static Value capture(JsonParser p, JsonToken t) throws IOException {
        if (t.isStructStart()) {
            p.skipChildren();
            return new Value(t, null);
        }
        return new Value(t, t == JsonToken.VALUE_STRING || t.isNumeric() ? p.getText() : null);
    }

    private void readAckId(JsonParser p, JsonToken t) throws IOException {
        ackIdSeen = true;
        ackId = null;
        ackIdError = null;
        if (t == JsonToken.VALUE_NULL) {
            return; // same as absent
        }
        Long parsed = t == JsonToken.VALUE_NUMBER_INT ? JsonSupport.parseUnsigned(p.getText()) : null;
        if (parsed == null) {
            p.skipChildren();
            ackIdError = "'ackId' must be an unsigned 64-bit integer";
        }
        ackId = parsed;
    }

    private void readData(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            data = new Value(t, p.getText());
            dataJson = null;
        } else {
            data = new Value(t, null);
            dataJson = copyValue(p);
        }
    }

    /**
     * Re-serializes the value at the parser's current token compactly. Numbers keep their literal text, so big or
     * precise numbers pass through unchanged.
     */
    private static byte[] copyValue(JsonParser p) throws IOException {
        ByteArrayBuilder out = new ByteArrayBuilder(128);
        try (JsonGenerator g = JsonSupport.FACTORY.createGenerator(out)) {
            int depth = 0;
            do {
                JsonToken t = p.currentToken();
                if (t.isNumeric()) {
                    g.writeNumber(p.getText());
                } else {
                    g.copyCurrentEvent(p);
                }
                if (t.isStructStart()) {
                    depth++;
                } else if (t.isStructEnd()) {
                    depth--;
                }
            } while (depth > 0 && p.nextToken() != null);
        }
        return out.toByteArray();
    }
}
