package io.hubbub.conformance.reliable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.server.auth.AccessKeys;
import io.hubbub.server.auth.ReconnectionTokens;
import io.hubbub.testkit.ClientTokens;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.TestWebSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a reliable logical connection keeps across a recovery besides its messages (the ackIds it used), what ends
 * it while no socket carries it (a REST close), and recoveries that must be refused with {@code disconnected} and
 * close 1008 (a connection that never existed, another hub), seen from raw sockets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReliableSessionIT {

    private TestServer server;
    private String hub;
    private HubRest rest;

    @BeforeAll
    void start() {
        server = TestServer.start(b -> b.reconnectWindowSeconds(10));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @BeforeEach
    void newHub() {
        hub = "ses" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        rest = new HubRest(server, hub);
    }

    @Test
    void aReplayedAckIdAfterRecoveryIsAnsweredDuplicateAndNotProcessedAgain() {
        TestWebSocket observer = server.jsonClient(hub, "observer", "webpubsub.joinLeaveGroup");
        observer.sendText("{\"type\":\"joinGroup\",\"group\":\"dup\",\"ackId\":1}");
        assertThat(observer.nextJson().path("success").asBoolean()).isTrue();
        RawReliableClient client = RawReliableClient.connect(server, hub, "java-like",
                "webpubsub.joinLeaveGroup", "webpubsub.sendToGroup");
        String join = "{\"type\":\"joinGroup\",\"group\":\"dup\",\"ackId\":0}"; // 0 is valid: Java counts from it
        String send = "{\"type\":\"sendToGroup\",\"group\":\"dup\",\"ackId\":7,\"noEcho\":true,\"dataType\":\"text\","
                + "\"data\":\"once\"}";
        client.send(join);
        assertAck(client.next(), 0, null);
        client.send(send);
        assertAck(client.next(), 7, null);
        assertThat(observer.nextJson().path("data").asText()).isEqualTo("once");

        // The ack may have been lost with the socket: a Java client resends with the same ackIds after recovering.
        client.drop();
        client.recover();
        client.send(send);
        assertAck(client.next(), 7, "Duplicate");
        client.send(join);
        assertAck(client.next(), 0, "Duplicate");
        client.send(send.replace("\"ackId\":7", "\"ackId\":8").replace("once", "twice")); // a new id is processed
        assertAck(client.next(), 8, null);

        JsonNode next = observer.nextJson();
        assertThat(next.path("data").asText()).as("the observer's next message %s", next).isEqualTo("twice");
        client.close();
        observer.close();
    }

    @Test
    void aRestCloseEndsADetachedConnection() {
        RawReliableClient client = RawReliableClient.connect(server, hub, "erin");
        client.drop();
        assertThat(rest.connectionExists(client.connectionId())).as("kept while detached").isEqualTo(200);

        int status = rest.closeConnection(client.connectionId(), "closed while away");

        assertThat(status).isEqualTo(204);
        Awaitility.await().atMost(Duration.ofSeconds(2))
                .until(() -> rest.connectionExists(client.connectionId()) == 404);
        RawReliableClient.assertRecoveryRefused(RawReliableClient.recoveryUrl(server, hub, client.connectionId(),
                client.reconnectionToken()));
    }

    @Test
    void aRecoveryOfAConnectionThatNeverExistedIsRefusedWith1008() {
        String unknown = "never-" + UUID.randomUUID();
        // a genuine token, signed with the server's key, for an id the server never issued
        String token = new ReconnectionTokens(new AccessKeys(TestServer.ACCESS_KEY, TestServer.SECONDARY_KEY),
                Clock.systemUTC()).issue(hub, unknown);

        RawReliableClient.assertRecoveryRefused(RawReliableClient.recoveryUrl(server, hub, unknown, token));
    }

    @Test
    void aRecoveryUnderAnotherHubIsRefusedAndLeavesTheConnectionRecoverable() {
        RawReliableClient client = RawReliableClient.connect(server, hub, "frank");
        client.drop();

        RawReliableClient.assertRecoveryRefused(RawReliableClient.recoveryUrl(server, hub + "x",
                client.connectionId(), client.reconnectionToken()));

        client.recover(); // the refused attempt did not end the real connection
        client.close();
    }

    @Test
    void aRecoveryCarryingAnExpiredAccessTokenSucceedsOnTheReconnectionTokenAlone() {
        RawReliableClient client = RawReliableClient.connect(server, hub, "gina");
        client.drop();
        String expired = ClientTokens.sign(Map.of("aud", server.endpoint() + "/client/hubs/" + hub, "sub", "gina",
                "exp", System.currentTimeMillis() / 1000 - 3600), TestServer.ACCESS_KEY);
        URI url = URI.create("ws://127.0.0.1:" + server.port() + "/client/hubs/" + hub + "?access_token=" + expired
                + "&awps_connection_id=" + HubRest.encode(client.connectionId())
                + "&awps_reconnection_token=" + HubRest.encode(client.reconnectionToken()));

        TestWebSocket ws = TestWebSocket.connect(url, RawReliableClient.PROTOCOL);

        JsonNode connected = ws.nextJson();
        assertThat(connected.path("event").asText()).isEqualTo("connected");
        assertThat(connected.path("connectionId").asText()).isEqualTo(client.connectionId());
        assertThat(connected.path("userId").asText()).isEqualTo("gina");
        ws.close();
    }

    @Test
    void aRecoveryWithATokenOfAnotherConnectionIsRefusedAndLeavesBothRecoverable() {
        RawReliableClient a = RawReliableClient.connect(server, hub, "hank");
        RawReliableClient b = RawReliableClient.connect(server, hub, "ivy");
        a.drop();

        RawReliableClient.assertRecoveryRefused(RawReliableClient.recoveryUrl(server, hub, a.connectionId(),
                b.reconnectionToken()));

        assertThat(List.of(rest.connectionExists(a.connectionId()), rest.connectionExists(b.connectionId())))
                .containsExactly(200, 200);
        a.recover();
        a.close();
        b.close();
    }

    /** An ack for {@code ackId}: success when {@code errorName} is null, else failed with that error name. */
    private static void assertAck(JsonNode ack, long ackId, String errorName) {
        assertThat(ack.path("type").asText()).as("%s", ack).isEqualTo("ack");
        assertThat(ack.path("ackId").asLong()).as("%s", ack).isEqualTo(ackId);
        assertThat(ack.has("sequenceId")).as("acks carry no sequenceId: %s", ack).isFalse();
        if (errorName == null) {
            assertThat(ack.path("success").asBoolean()).as("%s", ack).isTrue();
        } else {
            assertThat(ack.path("success").asBoolean()).as("%s", ack).isFalse();
            assertThat(ack.path("error").path("name").asText()).as("%s", ack).isEqualTo(errorName);
            assertThat(ack.path("error").path("message").asText()).as("%s", ack)
                    .isEqualTo("Message with ack-id: " + ackId + " has been processed");
        }
    }
}
