package io.hubbub.conformance.reliable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.TestWebSocket;
import java.net.URI;

/**
 * A {@code json.reliable.webpubsub.azure.v1} client on a raw {@link TestWebSocket} that remembers its connection id
 * and latest reconnection token, so a test can drop its socket and recover it (documented URL form, without the
 * access token) as often as it likes. Not thread-safe: one test drives it.
 */
final class RawReliableClient implements AutoCloseable {

    static final String PROTOCOL = "json.reliable.webpubsub.azure.v1";

    private final TestServer server;
    private final String hub;
    private final String connectionId;
    private String reconnectionToken;
    private TestWebSocket ws;

    private RawReliableClient(TestServer server, String hub, TestWebSocket ws, JsonNode connected) {
        this.server = server;
        this.hub = hub;
        this.ws = ws;
        this.connectionId = connected.path("connectionId").asText();
        this.reconnectionToken = connected.path("reconnectionToken").asText();
    }

    /** Connects with a fresh token for this user and roles; returns after the {@code connected} message. */
    static RawReliableClient connect(TestServer server, String hub, String userId, String... roles) {
        TestWebSocket ws = TestWebSocket.connect(server.clientUrl(hub, userId, roles), PROTOCOL);
        assertThat(ws.subprotocol()).isEqualTo(PROTOCOL);
        JsonNode connected = ws.nextJson();
        assertThat(connected.path("event").asText()).as("first frame %s", connected).isEqualTo("connected");
        assertThat(connected.path("reconnectionToken").asText()).isNotEmpty();
        return new RawReliableClient(server, hub, ws, connected);
    }

    String connectionId() {
        return connectionId;
    }

    String reconnectionToken() {
        return reconnectionToken;
    }

    TestWebSocket ws() {
        return ws;
    }

    /**
     * Drops the TCP connection without a close frame, then waits a moment so the server has seen the socket go (a
     * message sent meanwhile would be written into the dead socket instead of waiting in the buffer).
     */
    void drop() {
        ws.abort();
        pause(300);
    }

    /** Recovers on a new socket; returns its first frame, which must be {@code connected} with the same id. */
    JsonNode recover() {
        ws = TestWebSocket.connect(recoveryUrl(server, hub, connectionId, reconnectionToken), PROTOCOL);
        assertThat(ws.subprotocol()).isEqualTo(PROTOCOL);
        JsonNode connected = ws.nextJson();
        assertThat(connected.path("event").asText()).as("first frame after recovery %s", connected)
                .isEqualTo("connected");
        assertThat(connected.path("connectionId").asText()).isEqualTo(connectionId);
        reconnectionToken = connected.path("reconnectionToken").asText();
        assertThat(reconnectionToken).isNotEmpty();
        return connected;
    }

    /** {@code ws://.../client/hubs/{hub}?awps_connection_id=..&awps_reconnection_token=..} (no access token). */
    static URI recoveryUrl(TestServer server, String hub, String connectionId, String token) {
        return URI.create("ws://127.0.0.1:" + server.port() + "/client/hubs/" + hub + "?awps_connection_id="
                + HubRest.encode(connectionId) + "&awps_reconnection_token=" + HubRest.encode(token));
    }

    /** Asserts a recovery attempt is accepted, then refused: {@code disconnected} with a reason, close 1008. */
    static void assertRecoveryRefused(URI recoveryUrl) {
        TestWebSocket refused = TestWebSocket.connect(recoveryUrl, PROTOCOL);
        assertThat(refused.subprotocol()).as("the refusal still echoes the subprotocol").isEqualTo(PROTOCOL);
        JsonNode disconnected = refused.nextJson();
        assertThat(disconnected.path("type").asText()).as("%s", disconnected).isEqualTo("system");
        assertThat(disconnected.path("event").asText()).as("%s", disconnected).isEqualTo("disconnected");
        assertThat(disconnected.path("message").asText()).isNotEmpty();
        assertThat(refused.awaitClose().code()).isEqualTo(1008);
    }

    void send(String json) {
        ws.sendText(json);
    }

    JsonNode next() {
        return ws.nextJson();
    }

    /** The next frame, which must be a data message; returns it. */
    JsonNode nextMessage() {
        JsonNode message = ws.nextJson();
        assertThat(message.path("type").asText()).as("expected a data message, got %s", message).isEqualTo("message");
        return message;
    }

    /** The next frame must be a text data message with this sequence id and text. */
    void expectMessage(long sequenceId, String text) {
        JsonNode message = nextMessage();
        assertThat(message.path("sequenceId").asLong()).as("sequenceId of %s", message).isEqualTo(sequenceId);
        assertThat(message.path("data").asText()).as("data of %s", message).isEqualTo(text);
    }

    void ack(long sequenceId) {
        ws.sendText("{\"type\":\"sequenceAck\",\"sequenceId\":" + sequenceId + "}");
    }

    /**
     * A ping answered by the very next frame, pong: proves the connection is alive and that every frame this client
     * sent before (a sequenceAck, say) has been processed, since one connection's frames are handled in order.
     */
    void roundTrip() {
        ws.sendText("{\"type\":\"ping\"}");
        JsonNode pong = ws.nextJson();
        assertThat(pong.path("type").asText()).as("answer to ping: %s", pong).isEqualTo("pong");
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        ws.close();
    }
}
