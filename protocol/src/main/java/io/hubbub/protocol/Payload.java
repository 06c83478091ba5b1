package io.hubbub.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Message content in its neutral form: TEXT = UTF-8 text bytes, JSON = UTF-8 JSON text (valid JSON, not normalised),
 * BINARY = raw bytes, PROTOBUF = serialized google.protobuf.Any bytes.
 *
 * <p>The array is shared, not copied, because one payload is fanned out to many connections: treat it as immutable.
 * Equality compares the bytes.
 */
public record Payload(DataType type, byte[] data) {

    public Payload {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }

    public static Payload text(String s) {
        return new Payload(DataType.TEXT, s.getBytes(StandardCharsets.UTF_8));
    }

    public static Payload json(byte[] jsonText) {
        return new Payload(DataType.JSON, jsonText);
    }

    public static Payload binary(byte[] b) {
        return new Payload(DataType.BINARY, b);
    }

    /** Whether a simple client receives this content as a text frame (TEXT, JSON) rather than a binary one. */
    public boolean isTextFrame() {
        return type == DataType.TEXT || type == DataType.JSON;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Payload other && type == other.type && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Payload[type=" + type + ", " + data.length + " bytes]";
    }
}
