package io.hubbub.conformance.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.TestWebSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * One in-process node per test class, raw REST and raw WebSockets against it, and a fresh hub per test so tests do
 * not see each other's connections. Every negative test ends with {@link #assertStillServing}: the node must keep
 * serving everyone else after the bad input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WireFixture {

    static final String JSON_PROTOCOL = "json.webpubsub.azure.v1";
    static final ObjectMapper MAPPER = new ObjectMapper();

    TestServer server;
    RestClient rest;
    String hub;
    private final List<TestWebSocket> sockets = new ArrayList<>();

    /** The node this class runs against; override to change its settings. */
    TestServer startServer() {
        return TestServer.start();
    }

    @BeforeAll
    void startNode() {
        server = startServer();
        rest = new RestClient(server.endpoint());
    }

    @AfterAll
    void stopNode() {
        server.close();
    }

    @BeforeEach
    void newHub() {
        hub = uniqueName("hub");
    }

    @AfterEach
    void closeSockets() {
        sockets.forEach(TestWebSocket::close);
        sockets.clear();
    }

    static String uniqueName(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    String clientToken(String userId, List<String> roles, List<String> groups) {
        return server.tokens().client(hub, userId, roles, groups);
    }

    /** {@code ws://host:port} + {@code pathAndQuery}. */
    URI ws(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + server.port() + pathAndQuery);
    }

    URI clientUri(String token) {
        return ws("/client/hubs/" + hub + "?access_token=" + token);
    }

    /** A JSON-subprotocol client of this test's hub; returns after its {@code connected} message. */
    Client json(String userId, String... roles) {
        return json(userId, List.of(roles), List.of());
    }

    Client json(String userId, List<String> roles, List<String> groups) {
        return connectJson(clientUri(clientToken(userId, roles, groups)), Map.of());
    }

    /** Connects with the JSON subprotocol and reads the {@code connected} message, which must come first. */
    Client connectJson(URI uri, Map<String, String> headers) {
        TestWebSocket ws = track(TestWebSocket.connect(uri, headers, JSON_PROTOCOL));
        assertThat(ws.subprotocol()).isEqualTo(JSON_PROTOCOL);
        JsonNode connected = ws.nextJson();
        assertThat(connected.path("type").asText()).as("first frame %s", connected).isEqualTo("system");
        assertThat(connected.path("event").asText()).as("first frame %s", connected).isEqualTo("connected");
        return new Client(ws, connected.path("connectionId").asText(), connected);
    }

    /** A simple client (no subprotocol) of this test's hub. */
    Client simple(String userId, List<String> roles, List<String> groups, String extraQuery) {
        URI uri = ws("/client/hubs/" + hub + "?access_token=" + clientToken(userId, roles, groups) + extraQuery);
        TestWebSocket ws = track(TestWebSocket.connect(uri));
        assertThat(ws.subprotocol()).isEmpty();
        return new Client(ws, null, null);
    }

    TestWebSocket track(TestWebSocket ws) {
        sockets.add(ws);
        return ws;
    }

    /**
     * The node still serves: a new client connects and gets {@code pong} for {@code ping}, a REST send to the hub
     * is accepted, and the new client and every one of {@code clients} get that marker as their very next frame.
     */
    void assertStillServing(Client... clients) {
        Client fresh = json("fresh-" + UUID.randomUUID());
        fresh.ping();
        String marker = sendMarker();
        fresh.expectMarker(marker);
        for (Client c : clients) {
            c.expectMarker(marker);
        }
    }

    /** Sends a unique text to everyone in the hub through REST and returns it. */
    String sendMarker() {
        String marker = "marker-" + UUID.randomUUID();
        assertThat(rest.sendToAll(hub, marker).statusCode()).isEqualTo(202);
        return marker;
    }

    /** Status, JSON content type, {@code x-ms-error-code} and {@code {"code","message"}} all agree; returns message. */
    static String assertAzureError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as("status of %s, body %s", response.request().uri(), response.body())
                .isEqualTo(status);
        assertThat(response.headers().firstValue("x-ms-error-code")).as("x-ms-error-code").contains(code);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = parse(response.body());
        assertThat(body.path("code").asText()).as("code in %s", response.body()).isEqualTo(code);
        assertThat(body.path("message").asText()).as("message in %s", response.body()).isNotBlank();
        return body.path("message").asText();
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /**
     * A connected client; {@code connectionId} and {@code connected} are null for simple clients, which are not
     * told them.
     */
    record Client(TestWebSocket ws, String connectionId, JsonNode connected) {

        boolean isJson() {
            return connected != null;
        }

        void send(String rawText) {
            ws.sendText(rawText);
        }

        JsonNode next() {
            return ws.nextJson();
        }

        /** The next frame must be the ack for {@code ackId} with success true. */
        void expectAck(String ackId) {
            JsonNode ack = next();
            assertThat(ack.path("type").asText()).as("ack expected, got %s", ack).isEqualTo("ack");
            assertThat(ack.path("ackId").asText()).isEqualTo(ackId);
            assertThat(ack.path("success").asBoolean()).as("success in %s", ack).isTrue();
            assertThat(ack.has("error")).as("error in %s", ack).isFalse();
        }

        /** The next frame must be a failed ack for {@code ackId} with this error name and a message. */
        JsonNode expectAckError(String ackId, String errorName) {
            JsonNode ack = next();
            assertThat(ack.path("type").asText()).as("ack expected, got %s", ack).isEqualTo("ack");
            assertThat(ack.path("ackId").asText()).isEqualTo(ackId);
            assertThat(ack.path("success").isBoolean() && !ack.path("success").asBoolean())
                    .as("success false in %s", ack).isTrue();
            assertThat(ack.path("error").path("name").asText()).as("error name in %s", ack).isEqualTo(errorName);
            assertThat(ack.path("error").path("message").asText()).as("error message in %s", ack).isNotBlank();
            return ack;
        }

        /** Sends {@code ping}; the next frame must be {@code pong}: nothing was queued before it. */
        void ping() {
            send("{\"type\":\"ping\"}");
            assertThat(next().path("type").asText()).isEqualTo("pong");
        }

        /** The next frame must be the REST marker, in this client's representation. */
        void expectMarker(String marker) {
            if (isJson()) {
                JsonNode m = next();
                assertThat(m.path("type").asText()).as("marker expected, got %s", m).isEqualTo("message");
                assertThat(m.path("from").asText()).isEqualTo("server");
                assertThat(m.path("data").asText()).as("marker expected, got %s", m).isEqualTo(marker);
            } else {
                assertThat(ws.nextText()).isEqualTo(marker);
            }
        }
    }
}
