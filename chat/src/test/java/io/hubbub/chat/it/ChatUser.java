package io.hubbub.chat.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.testkit.TestWebSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A user as the browser client behaves: signs in, negotiates, connects with the JSON subprotocol, joins the groups of
 * its rooms, and sends chat events with ack ids. Every connection it opens is closed with {@link #close()}.
 */
final class ChatUser implements AutoCloseable {

    static final String PROTOCOL = "json.webpubsub.azure.v1";

    final String name;
    final ChatHttp http;
    private final AtomicLong ackIds = new AtomicLong();
    private TestWebSocket ws;
    /** Frames read while looking for another one (say, an ack), kept for later reads in arrival order. */
    private final List<JsonNode> pending = new ArrayList<>();
    String connectionId;

    ChatUser(String name, String chatBase) {
        this.name = name;
        this.http = new ChatHttp(chatBase);
        assertThat(http.signIn(name).status()).isEqualTo(200);
    }

    /** Negotiates, connects and joins every room the token covers; returns the negotiate answer. */
    JsonNode connect() {
        ChatHttp.Response negotiated = http.post("/negotiate", null);
        assertThat(negotiated.status()).as("negotiate %s", negotiated.body()).isEqualTo(200);
        ws = TestWebSocket.connect(URI.create(negotiated.json().path("url").asText()), PROTOCOL);
        pending.clear();
        JsonNode connected = nextFrame(n -> "connected".equals(n.path("event").asText()));
        connectionId = connected.path("connectionId").asText();
        for (JsonNode room : negotiated.json().path("rooms")) {
            JsonNode ack = request(Map.of("type", "joinGroup", "group", "room." + room.asText()));
            assertThat(ack.path("success").asBoolean()).as("join %s: %s", room, ack).isTrue();
        }
        return negotiated.json();
    }

    TestWebSocket socket() {
        return ws;
    }

    /** Sends a WebSocket request with a fresh ack id and returns its ack (other frames before it are skipped). */
    JsonNode request(Map<String, Object> message) {
        long ackId = ackIds.incrementAndGet();
        Map<String, Object> withAck = new LinkedHashMap<>(message);
        withAck.put("ackId", ackId);
        ws.sendJson(withAck);
        return nextFrame(n -> "ack".equals(n.path("type").asText()) && n.path("ackId").asLong() == ackId);
    }

    JsonNode event(String event, Map<String, Object> data) {
        return request(Map.of("type", "event", "event", event, "dataType", "json", "data", data));
    }

    JsonNode say(String room, String text) {
        return event("message", Map.of("room", room, "text", text));
    }

    /** The next chat event (the {@code data} of a service message) of this type that matches. */
    JsonNode next(String type, Predicate<JsonNode> predicate) {
        JsonNode frame = nextFrame(n -> "message".equals(n.path("type").asText())
                && type.equals(n.path("data").path("type").asText()) && predicate.test(n.path("data")));
        return frame.path("data");
    }

    JsonNode next(String type) {
        return next(type, d -> true);
    }

    /** Fails if a chat event of this type about which {@code about} holds arrives before the text {@code marker}. */
    void expectNoneBefore(String type, Predicate<JsonNode> about, String marker) {
        JsonNode frame = nextFrame(n -> "message".equals(n.path("type").asText())
                && (type.equals(n.path("data").path("type").asText()) && about.test(n.path("data"))
                || marker.equals(n.path("data").path("text").asText())));
        assertThat(frame.path("data").path("type").asText()).as("got %s before the marker", frame)
                .isNotEqualTo(type);
    }

    void expectNoneBefore(String type, String marker) {
        expectNoneBefore(type, d -> true, marker);
    }

    /** The first frame, kept or new, that matches; fails when none arrives for 5 s. */
    JsonNode nextFrame(Predicate<JsonNode> predicate) {
        for (Iterator<JsonNode> it = pending.iterator(); it.hasNext(); ) {
            JsonNode kept = it.next();
            if (predicate.test(kept)) {
                it.remove();
                return kept;
            }
        }
        while (true) {
            JsonNode frame = ws.nextJson();
            if (predicate.test(frame)) {
                return frame;
            }
            pending.add(frame);
        }
    }

    void disconnect() {
        if (ws != null) {
            ws.close();
            ws = null;
        }
    }

    @Override
    public void close() {
        disconnect();
    }
}
