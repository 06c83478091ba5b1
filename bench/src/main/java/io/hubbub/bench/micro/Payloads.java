package io.hubbub.bench.micro;

import io.hubbub.protocol.DataType;
import io.hubbub.protocol.Payload;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Deterministic message contents of a given size for the benchmarks. */
final class Payloads {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,;:!?-";

    private Payloads() {
    }

    /** A payload of {@code dataType} ({@code text}, {@code json}, {@code binary}) whose data is {@code size} bytes. */
    static Payload of(String dataType, int size) {
        DataType type = DataType.fromWireName(dataType);
        if (type == null) {
            throw new IllegalArgumentException("unknown dataType " + dataType);
        }
        return switch (type) {
            case TEXT -> Payload.text(text(size));
            case JSON -> Payload.json(json(size));
            case BINARY, PROTOBUF -> new Payload(type, binary(size));
        };
    }

    static String text(int size) {
        Random random = new Random(size);
        StringBuilder sb = new StringBuilder(size);
        for (int i = 0; i < size; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** {@code {"id":1,"body":"..."}} padded to exactly {@code size} bytes (at least 20). */
    static byte[] json(int size) {
        String head = "{\"id\":1,\"body\":\"";
        String tail = "\"}";
        int fill = Math.max(0, size - head.length() - tail.length());
        return (head + text(fill) + tail).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] binary(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
