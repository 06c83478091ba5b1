package io.hubbub.conformance.reliable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.TestWebSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code json.reliable.webpubsub.azure.v1}: sequence ids, acks, recovery after a dropped socket, and refusals. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReliableRecoveryIT {

    static final String RELIABLE = "json.reliable.webpubsub.azure.v1";
    private TestServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        server = TestServer.start(b -> b.reconnectWindowSeconds(3));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void messagesCarrySequenceIdsAndSurviveADroppedSocket() throws Exception {
        URI url = server.clientUrl("rel", "alice", "webpubsub.joinLeaveGroup");
        TestWebSocket first = TestWebSocket.connect(url, RELIABLE);
        assertThat(first.subprotocol()).isEqualTo(RELIABLE);
        JsonNode connected = first.nextJson();
        String id = connected.path("connectionId").asText();
        String token = connected.path("reconnectionToken").asText();
        assertThat(token).isNotEmpty();

        first.sendText("{\"type\":\"joinGroup\",\"group\":\"g\",\"ackId\":1}");
        assertThat(first.nextJson().path("success").asBoolean()).isTrue();
        send("g", "one");
        send("g", "two");
        assertThat(first.nextJson().path("sequenceId").asLong()).isEqualTo(1);
        assertThat(first.nextJson().path("sequenceId").asLong()).isEqualTo(2);
        first.sendText("{\"type\":\"sequenceAck\",\"sequenceId\":1}");

        first.abort();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> headConnection(id) == 200);
        send("g", "three"); // sent while no socket carries the connection

        TestWebSocket second = TestWebSocket.connect(URI.create(url + "&awps_connection_id=" + id
                + "&awps_reconnection_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)), RELIABLE);
        JsonNode again = second.nextJson();
        assertThat(again.path("event").asText()).isEqualTo("connected");
        assertThat(again.path("connectionId").asText()).isEqualTo(id);
        assertThat(again.path("userId").asText()).isEqualTo("alice");
        assertThat(again.path("reconnectionToken").asText()).isNotEmpty();
        JsonNode redelivered = second.nextJson();
        assertThat(redelivered.path("sequenceId").asLong()).isEqualTo(2);
        assertThat(redelivered.path("data").asText()).isEqualTo("two");
        JsonNode queued = second.nextJson();
        assertThat(queued.path("sequenceId").asLong()).isEqualTo(3);
        assertThat(queued.path("data").asText()).isEqualTo("three");

        send("g", "four"); // the group membership survived
        assertThat(second.nextJson().path("sequenceId").asLong()).isEqualTo(4);
        second.close();
    }

    @Test
    void recoveryWithAWrongTokenIsAcceptedThenClosedWith1008() {
        TestWebSocket first = TestWebSocket.connect(server.clientUrl("rel", "bob"), RELIABLE);
        String id = first.nextJson().path("connectionId").asText();
        TestWebSocket bad = TestWebSocket.connect(URI.create("ws://127.0.0.1:" + server.port()
                + "/client/hubs/rel?awps_connection_id=" + id + "&awps_reconnection_token=forged"), RELIABLE);
        JsonNode disconnected = bad.nextJson();
        assertThat(disconnected.path("event").asText()).isEqualTo("disconnected");
        assertThat(bad.awaitClose().code()).isEqualTo(1008);
        first.close();
    }

    @Test
    void recoveryAfterTheWindowIsRefused() throws Exception {
        TestWebSocket first = TestWebSocket.connect(server.clientUrl("rel", "carol"), RELIABLE);
        JsonNode connected = first.nextJson();
        String id = connected.path("connectionId").asText();
        String token = connected.path("reconnectionToken").asText();
        first.abort();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> headConnection(id) == 404);
        TestWebSocket late = TestWebSocket.connect(URI.create("ws://127.0.0.1:" + server.port()
                + "/client/hubs/rel?awps_connection_id=" + id + "&awps_reconnection_token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8)), RELIABLE);
        assertThat(late.nextJson().path("event").asText()).isEqualTo("disconnected");
        assertThat(late.awaitClose().code()).isEqualTo(1008);
    }

    @Test
    void aClientCloseEndsTheConnectionAtOnce() throws Exception {
        TestWebSocket ws = TestWebSocket.connect(server.clientUrl("rel", "dave"), RELIABLE);
        String id = ws.nextJson().path("connectionId").asText();
        ws.close();
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> headConnection(id) == 404);
    }

    private void send(String group, String text) throws Exception {
        String path = "/api/hubs/rel/groups/" + group + "/:send";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + path))
                .header("Authorization", "Bearer " + restToken(path))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(text)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
    }

    private int headConnection(String id) throws Exception {
        String path = "/api/hubs/rel/connections/" + id;
        return http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + path))
                .header("Authorization", "Bearer " + restToken(path))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String restToken(String path) {
        return io.hubbub.testkit.ClientTokens.sign(java.util.Map.of("aud", server.endpoint() + path,
                "exp", System.currentTimeMillis() / 1000 + 600), TestServer.ACCESS_KEY);
    }

}
