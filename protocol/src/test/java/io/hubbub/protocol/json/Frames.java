package io.hubbub.protocol.json;

import java.nio.charset.StandardCharsets;

/** Test helpers. JSON in tests is written with {@code '} for {@code "} to stay readable. */
final class Frames {

    private Frames() {
    }

    /** The JSON text with every {@code '} turned into {@code "}. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Decodes single-quoted JSON (see {@link #json}). */
    static ClientMessage decode(String singleQuoted) throws MalformedMessageException {
        return decodeRaw(json(singleQuoted));
    }

    static ClientMessage decodeRaw(String exact) throws MalformedMessageException {
        byte[] bytes = utf8(exact);
        return JsonClientMessageDecoder.decode(bytes, 0, bytes.length);
    }
}
