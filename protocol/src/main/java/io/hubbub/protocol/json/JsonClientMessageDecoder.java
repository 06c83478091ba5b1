package io.hubbub.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.hubbub.protocol.DataType;
import io.hubbub.protocol.Payload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * Decodes one text frame of a JSON subprotocol into a {@link ClientMessage} (PROTOCOL.md §5.3, §6.1).
 *
 * <p>Field order is free and unknown fields are ignored. Optional fields given as JSON {@code null} count as
 * absent. Anything else that does not fit raises {@link MalformedMessageException}, carrying the frame's ackId
 * whenever it could be read.
 */
public final class JsonClientMessageDecoder {

    private static final Ping PING = new Ping();

    private JsonClientMessageDecoder() {
    }

    /**
     * Decodes the UTF-8 JSON in {@code utf8[offset, offset + length)}; the array is not retained.
     *
     * @throws MalformedMessageException when the frame is not a valid client message
     * @throws IndexOutOfBoundsException when the range lies outside the array
     */
    public static ClientMessage decode(byte[] utf8, int offset, int length) throws MalformedMessageException {
        Objects.checkFromIndexSize(offset, length, utf8.length);
        FrameFields f = FrameFields.scan(utf8, offset, length);
        String type = requireString(f.type, "type", f.ackId);
        return switch (type) {
            case "joinGroup" -> new JoinGroup(requireString(f.group, "group", ackId(f)), f.ackId);
            case "leaveGroup" -> new LeaveGroup(requireString(f.group, "group", ackId(f)), f.ackId);
            case "sendToGroup" -> {
                Long ackId = ackId(f);
                String group = requireString(f.group, "group", ackId);
                Payload payload = requirePayload(f, ackId);
                yield new SendToGroup(group, payload, ackId, noEcho(f, ackId));
            }
            case "event" -> {
                Long ackId = ackId(f);
                String event = requireString(f.event, "event", ackId);
                yield new EventMessage(event, requirePayload(f, ackId), ackId);
            }
            case "sequenceAck" -> new SequenceAck(sequenceId(f));
            case "ping" -> PING;
            case "invoke" -> {
                String invocationId = requireString(f.invocationId, "invocationId", f.ackId);
                String event = requireString(f.event, "event", f.ackId);
                yield new Invoke(invocationId, event, f.data == null ? null : requirePayload(f, f.ackId));
            }
            case "cancelInvocation" -> new CancelInvocation(requireString(f.invocationId, "invocationId", f.ackId));
            default -> throw new MalformedMessageException("unknown message type '" + type + "'", f.ackId);
        };
    }

    /** The ackId of a message type that takes one; an invalid ackId makes the message malformed. */
    private static Long ackId(FrameFields f) throws MalformedMessageException {
        if (f.ackIdError != null) {
            throw new MalformedMessageException(f.ackIdError, null);
        }
        return f.ackId;
    }

    private static String requireString(FrameFields.Value v, String name, Long ackId)
            throws MalformedMessageException {
        if (v == null || v.isNull()) {
            throw new MalformedMessageException("missing '" + name + "'", ackId);
        }
        if (!v.isString()) {
            throw new MalformedMessageException("'" + name + "' must be a string", ackId);
        }
        return v.text();
    }

    private static boolean noEcho(FrameFields f, Long ackId) throws MalformedMessageException {
        FrameFields.Value v = f.noEcho;
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.token() != JsonToken.VALUE_TRUE && v.token() != JsonToken.VALUE_FALSE) {
            throw new MalformedMessageException("'noEcho' must be a boolean", ackId);
        }
        return v.token() == JsonToken.VALUE_TRUE;
    }

    private static long sequenceId(FrameFields f) throws MalformedMessageException {
        FrameFields.Value v = f.sequenceId;
        if (v == null || v.isNull()) {
            throw new MalformedMessageException("missing 'sequenceId'", f.ackId);
        }
        // a number, or a numeric string as in one docs sample
        Long id = v.isString() || v.token() == JsonToken.VALUE_NUMBER_INT ? JsonSupport.parseUnsigned(v.text()) : null;
        if (id == null) {
            throw new MalformedMessageException("'sequenceId' must be an unsigned 64-bit integer", f.ackId);
        }
        return id;
    }

    private static Payload requirePayload(FrameFields f, Long ackId) throws MalformedMessageException {
        DataType dataType = dataType(f, ackId);
        FrameFields.Value data = f.data;
        if (data == null) {
            throw new MalformedMessageException("missing 'data'", ackId);
        }
        if (dataType == DataType.JSON) {
            return Payload.json(f.dataJson != null ? f.dataJson : jsonString(data.text()));
        }
        if (!data.isString()) {
            String what = dataType == DataType.TEXT ? "a string" : "a base64 string";
            throw new MalformedMessageException(
                    "'data' must be " + what + " for dataType '" + dataType.wireName() + "'", ackId);
        }
        if (dataType == DataType.TEXT) {
            return Payload.text(data.text());
        }
        byte[] bytes = base64(data.text());
        if (bytes == null) {
            throw new MalformedMessageException("'data' is not valid base64", ackId);
        }
        return new Payload(dataType, bytes);
    }

    private static DataType dataType(FrameFields f, Long ackId) throws MalformedMessageException {
        FrameFields.Value v = f.dataType;
        if (v == null || v.isNull()) {
            return DataType.JSON;
        }
        if (!v.isString()) {
            throw new MalformedMessageException("'dataType' must be a string", ackId);
        }
        DataType type = DataType.fromWireName(v.text());
        if (type == null) {
            throw new MalformedMessageException("unknown dataType '" + v.text() + "'", ackId);
        }
        return type;
    }

    /** Standard alphabet; padding optional (trailing '=' are dropped before decoding). Null when invalid. */
    private static byte[] base64(String text) {
        byte[] src = text.getBytes(StandardCharsets.ISO_8859_1);
        int n = src.length;
        while (n > 0 && src.length - n < 2 && src[n - 1] == '=') {
            n--;
        }
        try {
            return Base64.getDecoder().decode(n == src.length ? src : Arrays.copyOf(src, n));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A string sent as {@code json} data is itself the JSON value: keep it as a quoted JSON string. */
    private static byte[] jsonString(String s) {
        ByteArrayBuilder out = new ByteArrayBuilder(s.length() + 16);
        try (JsonGenerator g = JsonSupport.FACTORY.createGenerator(out)) {
            g.writeString(s);
        } catch (IOException e) {
            throw new UncheckedIOException("I/O error on an in-memory generator", e);
        }
        return out.toByteArray();
    }
}
