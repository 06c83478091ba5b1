package io.hubbub.protocol.protobuf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Hand-rolled protobuf wire format for test fixtures, deliberately independent of protobuf-java and of the
 * generated classes: fixtures are written from the field numbers in PROTOCOL.md §7.2, so a wrong number in the
 * {@code .proto} file makes them disagree with the codec.
 */
final class Wire {

    static final int VARINT = 0;
    static final int LEN = 2;

    private Wire() {
    }

    /** Bytes given as ints, for literal fixtures. */
    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    /** Base-128 varint of an unsigned 64-bit value, least significant group first. */
    static byte[] varint(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        return out.toByteArray();
    }

    static byte[] tag(int field, int wireType) {
        return varint((long) field << 3 | wireType);
    }

    /** A varint field (uint64, uint32, bool). */
    static byte[] uint(int field, long value) {
        return concat(tag(field, VARINT), varint(value));
    }

    /** A length-delimited field (string, bytes, embedded message) whose content is the concatenated parts. */
    static byte[] len(int field, byte[]... parts) {
        byte[] content = concat(parts);
        return concat(tag(field, LEN), varint(content.length), content);
    }

    static byte[] str(int field, String value) {
        return len(field, utf8(value));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
