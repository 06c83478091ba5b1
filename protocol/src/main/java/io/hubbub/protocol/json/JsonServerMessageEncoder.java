package io.hubbub.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.hubbub.protocol.DataType;
import io.hubbub.protocol.Payload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Encodes service → client messages of the JSON subprotocols (PROTOCOL.md §5.4), each call returning one text
 * frame's UTF-8 content. On the broadcast hot path: streaming generator, pre-encoded names, no trees.
 *
 * <p>ackIds and sequenceIds are unsigned 64-bit values held in a long and written as such. Absent optional fields
 * are omitted, never written as {@code null} (the Java client turns a null userId into the string "null"). A null
 * error name or message is written as an empty string, because the Java client needs both fields present.
 */
public final class JsonServerMessageEncoder {

    private static final SerializedString TYPE = new SerializedString("type");
    private static final SerializedString EVENT = new SerializedString("event");
    private static final SerializedString FROM = new SerializedString("from");
    private static final SerializedString GROUP = new SerializedString("group");
    private static final SerializedString FROM_USER_ID = new SerializedString("fromUserId");
    private static final SerializedString DATA_TYPE = new SerializedString("dataType");
    private static final SerializedString DATA = new SerializedString("data");
    private static final SerializedString SEQUENCE_ID = new SerializedString("sequenceId");
    private static final SerializedString ACK_ID = new SerializedString("ackId");
    private static final SerializedString SUCCESS = new SerializedString("success");
    private static final SerializedString MESSAGE = new SerializedString("message");
    private static final SerializedString SYSTEM = new SerializedString("system");
    private static final SerializedString SERVER = new SerializedString("server");
    private static final SerializedString ACK = new SerializedString("ack");
    private static final SerializedString[] DATA_TYPE_NAMES = dataTypeNames();
    private static final byte[] PONG = "{\"type\":\"pong\"}".getBytes(StandardCharsets.UTF_8);

    private JsonServerMessageEncoder() {
    }

    public static byte[] connected(String connectionId, String userIdOrNull, String reconnectionTokenOrNull) {
        Objects.requireNonNull(connectionId, "connectionId");
        return object(160, g -> {
            writeType(g, SYSTEM);
            g.writeFieldName(EVENT);
            g.writeString("connected");
            if (userIdOrNull != null) {
                g.writeStringField("userId", userIdOrNull);
            }
            g.writeStringField("connectionId", connectionId);
            if (reconnectionTokenOrNull != null) {
                g.writeStringField("reconnectionToken", reconnectionTokenOrNull);
            }
        });
    }

    public static byte[] disconnected(String message) {
        String text = Objects.requireNonNullElse(message, "");
        return object(64 + text.length(), g -> {
            writeType(g, SYSTEM);
            g.writeFieldName(EVENT);
            g.writeString("disconnected");
            g.writeFieldName(MESSAGE);
            g.writeString(text);
        });
    }

    public static byte[] ackSuccess(long ackId) {
        return object(64, g -> {
            writeAckHead(g, ackId);
            g.writeBooleanField("success", true);
        });
    }

    public static byte[] ackError(long ackId, String errorName, String errorMessage) {
        return object(96 + length(errorMessage), g -> {
            writeAckHead(g, ackId);
            g.writeFieldName(SUCCESS);
            g.writeBoolean(false);
            writeError(g, errorName, errorMessage);
        });
    }

    public static byte[] groupMessage(String group, String fromUserIdOrNull, Payload payload, Long sequenceIdOrNull) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(payload, "payload");
        return object(96 + group.length() + length(fromUserIdOrNull) + estimate(payload), g -> {
            writeType(g, MESSAGE);
            g.writeFieldName(FROM);
            g.writeString(GROUP);
            g.writeFieldName(GROUP);
            g.writeString(group);
            if (fromUserIdOrNull != null) {
                g.writeFieldName(FROM_USER_ID);
                g.writeString(fromUserIdOrNull);
            }
            writeData(g, payload, sequenceIdOrNull);
        });
    }

    public static byte[] serverMessage(Payload payload, Long sequenceIdOrNull) {
        Objects.requireNonNull(payload, "payload");
        return object(96 + estimate(payload), g -> {
            writeType(g, MESSAGE);
            g.writeFieldName(FROM);
            g.writeString(SERVER);
            writeData(g, payload, sequenceIdOrNull);
        });
    }

    public static byte[] pong() {
        return PONG.clone();
    }

    public static byte[] invokeResponseError(String invocationId, String errorName, String errorMessage) {
        Objects.requireNonNull(invocationId, "invocationId");
        return object(96 + invocationId.length() + length(errorMessage), g -> {
            g.writeStringField("type", "invokeResponse");
            g.writeStringField("invocationId", invocationId);
            g.writeFieldName(SUCCESS);
            g.writeBoolean(false);
            writeError(g, errorName, errorMessage);
        });
    }

    private static void writeType(JsonGenerator g, SerializableString type) throws IOException {
        g.writeFieldName(TYPE);
        g.writeString(type);
    }

    private static void writeAckHead(JsonGenerator g, long ackId) throws IOException {
        writeType(g, ACK);
        g.writeFieldName(ACK_ID);
        writeUnsigned(g, ackId);
    }

    private static void writeError(JsonGenerator g, String name, String message) throws IOException {
        g.writeObjectFieldStart("error");
        g.writeStringField("name", Objects.requireNonNullElse(name, ""));
        g.writeFieldName(MESSAGE);
        g.writeString(Objects.requireNonNullElse(message, ""));
        g.writeEndObject();
    }

    /** {@code dataType}, {@code data} and the optional {@code sequenceId}, the tail of every data message. */
    private static void writeData(JsonGenerator g, Payload payload, Long sequenceIdOrNull) throws IOException {
        g.writeFieldName(DATA_TYPE);
        g.writeString(DATA_TYPE_NAMES[payload.type().ordinal()]);
        g.writeFieldName(DATA);
        byte[] data = payload.data();
        switch (payload.type()) {
            case TEXT -> g.writeUTF8String(data, 0, data.length);
            case JSON -> g.writeRawValue(new RawJsonValue(data));
            // Jackson's default variant is the standard alphabet with padding, no line feeds
            case BINARY, PROTOBUF -> g.writeBinary(data);
        }
        if (sequenceIdOrNull != null) {
            g.writeFieldName(SEQUENCE_ID);
            writeUnsigned(g, sequenceIdOrNull);
        }
    }

    private static void writeUnsigned(JsonGenerator g, long value) throws IOException {
        if (value >= 0) {
            g.writeNumber(value);
        } else {
            g.writeNumber(Long.toUnsignedString(value));
        }
    }

    private static int estimate(Payload payload) {
        int n = payload.data().length;
        return switch (payload.type()) {
            case TEXT -> n + (n >> 4);
            case JSON -> n;
            case BINARY, PROTOBUF -> (n + 2) / 3 * 4;
        };
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] object(int sizeHint, Fields fields) {
        ByteArrayBuilder out = new ByteArrayBuilder(sizeHint);
        try (JsonGenerator g = JsonSupport.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("I/O error on an in-memory generator", e);
        }
        return out.toByteArray();
    }

    private static SerializedString[] dataTypeNames() {
        DataType[] types = DataType.values();
        SerializedString[] names = new SerializedString[types.length];
        for (DataType t : types) {
            names[t.ordinal()] = new SerializedString(t.wireName());
        }
        return names;
    }
}
