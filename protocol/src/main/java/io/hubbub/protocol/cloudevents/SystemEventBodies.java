package io.hubbub.protocol.cloudevents;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** JSON bodies of the system events: {@code connect}, {@code connected} ({@code {}}) and {@code disconnected}. */
public final class SystemEventBodies {

    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] CONNECTED = "{}".getBytes(StandardCharsets.UTF_8);

    private SystemEventBodies() {
    }

    /** {@code {}}: express JSON-parses system bodies, so an empty body would break it. */
    public static byte[] connected() {
        return CONNECTED.clone();
    }

    public static byte[] disconnected(String reason) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("reason", reason == null ? "" : reason);
            g.writeEndObject();
        });
    }

    /**
     * The connect event body: every map is name to an array of strings; {@code subprotocols} is always an array.
     */
    public static byte[] connect(Map<String, List<String>> claims, Map<String, List<String>> query,
            Map<String, List<String>> headers, List<String> subprotocols) {
        return write(g -> {
            g.writeStartObject();
            writeMultiMap(g, "claims", claims);
            writeMultiMap(g, "query", query);
            writeMultiMap(g, "headers", headers);
            g.writeArrayFieldStart("subprotocols");
            for (String s : subprotocols) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void writeMultiMap(JsonGenerator g, String name, Map<String, List<String>> map)
            throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, List<String>> e : map.entrySet()) {
            g.writeArrayFieldStart(e.getKey());
            for (String v : e.getValue()) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
