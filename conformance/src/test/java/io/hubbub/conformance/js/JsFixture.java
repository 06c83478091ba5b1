package io.hubbub.conformance.js;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.TestWebSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * An in-process Hubbub node, the official JS SDKs running in Node child processes against it, and Java-side
 * WebSocket peers observing what the SDK calls did. Each test gets a fresh hub, so tests do not see each other's
 * connections; the Node processes live as long as the test class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JsFixture {

    static final String JSON_PROTOCOL = "json.webpubsub.azure.v1";
    static final Map<String, String> TEXT = Map.of("contentType", "text/plain");

    TestServer server;
    String hub;
    /** {@code new WebPubSubServiceClient(server.connectionString(), hub, { allowInsecureConnection: true })} */
    JsServiceClient service;
    private NodeDriver serverSdk;
    private NodeDriver clientSdk;
    private final Map<String, JsClient> jsClients = new ConcurrentHashMap<>();
    private final List<TestWebSocket> sockets = new ArrayList<>();

    @BeforeAll
    void startServerAndDrivers() {
        server = TestServer.start();
        serverSdk = NodeDriver.start("server-sdk-driver.mjs", event -> { });
    }

    @AfterAll
    void stopServerAndDrivers() {
        if (clientSdk != null) {
            clientSdk.close();
        }
        serverSdk.close();
        server.close();
    }

    @BeforeEach
    void newHub() {
        hub = "js" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        service = service(server.connectionString());
    }

    @AfterEach
    void closeClients() {
        if (clientSdk != null && !jsClients.isEmpty()) {
            clientSdk.call(NodeDriver.command("disposeAll"));
            jsClients.clear();
        }
        sockets.forEach(TestWebSocket::close);
        sockets.clear();
    }

    /** A server SDK client for this test's hub built from another connection string. */
    JsServiceClient service(String connectionString) {
        return service(connectionString, hub);
    }

    JsServiceClient service(String connectionString, String hubName) {
        return JsServiceClient.fromConnectionString(serverSdk, connectionString, hubName);
    }

    JsServiceClient serviceWithKeyCredential(String key) {
        return JsServiceClient.fromKeyCredential(serverSdk, server.endpoint(), key, hub);
    }

    /**
     * {@code new WebPubSubClient(url, { ...options, protocol: WebPubSubJsonProtocol() })}, not started. Message and
     * reconnect retries wait 100 ms instead of the SDK's 1 s so failures surface quickly; {@code options} may
     * override that.
     */
    JsClient jsClient(String label, URI url, Map<String, Object> options) {
        return createJsClient(label, url, options, false);
    }

    JsClient jsClient(String label, URI url) {
        return jsClient(label, url, Map.of());
    }

    /** The same, given a {@code WebPubSubClientCredential} whose {@code getClientAccessUrl} resolves to the url. */
    JsClient jsClientWithCredential(String label, URI url, Map<String, Object> options) {
        return createJsClient(label, url, options, true);
    }

    private JsClient createJsClient(String label, URI url, Map<String, Object> options, boolean viaCredential) {
        if (clientSdk == null) {
            clientSdk = NodeDriver.start("client-sdk-driver.mjs", this::routeClientEvent);
        }
        Map<String, Object> effective = new HashMap<>();
        effective.put("messageRetryOptions", Map.of("retryDelayInMs", 100));
        effective.put("reconnectRetryOptions", Map.of("retryDelayInMs", 100));
        effective.putAll(options);
        JsClient client = new JsClient(clientSdk, hub + "." + label + "." + jsClients.size());
        jsClients.put(client.name(), client);
        clientSdk.call(NodeDriver.command("create").put("client", client.name()).put("url", url.toString())
                .put("viaCredential", viaCredential).set("options", NodeDriver.toJson(effective)));
        return client;
    }

    private void routeClientEvent(JsonNode event) {
        JsClient client = jsClients.get(event.path("client").asText());
        if (client != null) {
            client.onEvent(event);
        }
    }

    /** A client URL for this hub with a token signed by the test (not by the SDK under test). */
    URI clientUrl(String userId, String... roles) {
        return server.clientUrl(hub, userId, roles);
    }

    /** A Java-side JSON-subprotocol client; returns after its {@code connected} message. */
    Peer peer(String userId, String... roles) {
        return connectPeer(clientUrl(userId, roles));
    }

    Peer connectPeer(URI url) {
        TestWebSocket ws = TestWebSocket.connect(url, JSON_PROTOCOL);
        sockets.add(ws);
        JsonNode connected = ws.nextJson();
        assertThat(connected.path("event").asText()).as("first frame %s", connected).isEqualTo("connected");
        return new Peer(ws, connected.path("connectionId").asText(), connected.path("userId").asText(null));
    }

    /** A Java-side simple client (no subprotocol): raw frames, no system messages. */
    TestWebSocket simplePeer(String userId) {
        TestWebSocket ws = TestWebSocket.connect(clientUrl(userId));
        sockets.add(ws);
        return ws;
    }

    /**
     * Sends each peer a text marker through the SDK, then asserts it is the next thing the peer receives: proof that
     * nothing else reached it before (REST calls from one client are delivered in order), without waiting on timeouts.
     */
    void assertNothingBeforeMarker(Peer... peers) {
        for (Peer peer : peers) {
            String marker = sendMarker(peer.id());
            JsonNode next = peer.next();
            assertThat(next.path("data").asText()).as("next message of %s: %s", peer.id(), next).isEqualTo(marker);
        }
    }

    /** The same for JS clients: their next {@code *-message} event is the marker. */
    void assertNothingBeforeMarker(JsClient... clients) {
        for (JsClient client : clients) {
            String marker = sendMarker(client.connectionId());
            JsonNode next = client.nextDataMessage();
            assertThat(next.path("data").asText()).as("next message of %s: %s", client.name(), next)
                    .isEqualTo(marker);
        }
    }

    private String sendMarker(String connectionId) {
        String marker = "marker-" + UUID.randomUUID();
        service.invoke("sendToConnection", connectionId, marker, TEXT);
        return marker;
    }

    /** A binary argument for the drivers, arriving in JS as that type ({@code Buffer}, {@code Uint8Array}, ...). */
    static Map<String, String> binary(byte[] bytes, String jsType) {
        return Map.of("$binary", Base64.getEncoder().encodeToString(bytes), "$type", jsType);
    }

    /** The bytes of a binary value the driver reported ({@code {"$binary": ..., "$type": ...}}). */
    static byte[] bytesOf(JsonNode binaryValue) {
        return Base64.getDecoder().decode(binaryValue.path("$binary").asText());
    }

    /** A Java-side connection and what its {@code connected} message said. */
    record Peer(TestWebSocket ws, String id, String userId) {
        JsonNode next() {
            return ws.nextJson();
        }
    }
}
