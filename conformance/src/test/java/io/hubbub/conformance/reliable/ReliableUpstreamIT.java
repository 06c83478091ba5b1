package io.hubbub.conformance.reliable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubbub.server.config.EventHandlerSettings;
import io.hubbub.server.config.HubSettings;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.TestWebSocket;
import io.hubbub.testkit.WebhookRecorder;
import io.hubbub.testkit.WebhookRecorder.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A reliable connection as its event handler sees it: one {@code connected} and exactly one {@code disconnected}
 * however often the socket is recovered, whether it ends by a client close, the reconnect window or a REST close;
 * and requests queued behind a blocking user event while the socket drops are neither lost nor processed twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReliableUpstreamIT {

    private static final String HUB = "upstream";
    private static final int WINDOW_SECONDS = 4;
    private static final Duration SLOW_EVENT = Duration.ofSeconds(3);
    /** Well past three keep-alive intervals of one second. */
    private static final Duration SLOWER_EVENT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookRecorder recorder;
    private TestServer server;
    private HubRest rest;

    @BeforeAll
    void start() {
        recorder = WebhookRecorder.start();
        recorder.respond(r -> switch (String.valueOf(r.header("ce-eventName"))) {
            case "slow" -> Reply.empty(200).after(SLOW_EVENT);
            case "slower" -> Reply.empty(200).after(SLOWER_EVENT);
            default -> Reply.empty(200);
        });
        EventHandlerSettings handler = new EventHandlerSettings(recorder.url("/api/{hub}/{event}"), "slow,slower",
                Set.of("connected", "disconnected"), null, null);
        // keep-alive pings every second: a dead socket is noticed by a failed write even while reading is paused
        HubSettings hub = new HubSettings(false, 1, List.of(handler));
        server = TestServer.start(b -> b.hubs(Map.of(HUB, hub)).reconnectWindowSeconds(WINDOW_SECONDS));
        rest = new HubRest(server, HUB);
    }

    @AfterAll
    void stop() {
        server.close();
        recorder.close();
    }

    @Test
    void recoveriesFireNoEventsAndAClientCloseFiresDisconnectedOnce() {
        RawReliableClient client = RawReliableClient.connect(server, HUB, "rita");
        for (int i = 0; i < 3; i++) {
            client.drop();
            client.recover();
        }
        client.close();

        assertSystemEventsOnce(client.connectionId());
    }

    @Test
    void anExpiredWindowFiresDisconnectedOnce() {
        RawReliableClient client = RawReliableClient.connect(server, HUB, "sam");
        client.drop();
        client.recover();
        client.drop();
        Awaitility.await().atMost(Duration.ofSeconds(WINDOW_SECONDS + 3))
                .until(() -> rest.connectionExists(client.connectionId()) == 404);

        assertSystemEventsOnce(client.connectionId());
    }

    @Test
    void aRestCloseWhileDetachedFiresDisconnectedOnce() {
        RawReliableClient client = RawReliableClient.connect(server, HUB, "tess");
        client.drop();
        assertThat(rest.closeConnection(client.connectionId(), "bye while away")).isEqualTo(204);

        assertSystemEventsOnce(client.connectionId());
    }

    @Test
    void aSendQueuedBehindABlockingEventSurvivesTheSocketDroppingMeanwhile() {
        TestWebSocket observer = server.jsonClient(HUB, "observer", "webpubsub.joinLeaveGroup");
        observer.sendText("{\"type\":\"joinGroup\",\"group\":\"queue\",\"ackId\":1}");
        assertThat(observer.nextJson().path("success").asBoolean()).isTrue();
        RawReliableClient client = RawReliableClient.connect(server, HUB, "uma", "webpubsub.sendToGroup");
        String event = "{\"type\":\"event\",\"event\":\"slow\",\"ackId\":1,\"dataType\":\"text\",\"data\":\"e\"}";
        String send = "{\"type\":\"sendToGroup\",\"group\":\"queue\",\"ackId\":2,\"noEcho\":true,"
                + "\"dataType\":\"text\",\"data\":\"queued\"}";
        client.send(event);
        client.send(send); // waits behind the event, which the handler answers after 3 s

        client.drop(); // both acks are lost with the socket
        RawReliableClient.pause(SLOW_EVENT.toMillis() + 200); // the event is answered; the window (4 s) is not over
        client.recover();
        client.send(event); // resent with the same ackIds, as the Java client does after a recovery
        client.send(send);

        List<JsonNode> acks = List.of(client.next(), client.next());
        assertThat(acks).allSatisfy(ack -> {
            assertThat(ack.path("type").asText()).as("%s", ack).isEqualTo("ack");
            boolean ok = ack.path("success").asBoolean() || "Duplicate".equals(ack.path("error").path("name").asText());
            assertThat(ok).as("success or Duplicate: %s", ack).isTrue();
        });
        JsonNode delivered;
        try {
            delivered = observer.nextJsonMatching(m -> "message".equals(m.path("type").asText()));
        } catch (AssertionError e) {
            throw new AssertionError("the group never got the queued message, yet the client was answered " + acks, e);
        }
        assertThat(delivered.path("data").asText()).as("what the group got after acks %s", acks).isEqualTo("queued");
        observer.expectNoFrame(Duration.ofMillis(500)); // and only once
        assertThat(recorder.all().stream().filter(r -> "slow".equals(r.header("ce-eventName")))
                .filter(r -> client.connectionId().equals(r.header("ce-connectionId"))).count())
                .as("calls of the slow event").isEqualTo(1);
        client.close();
        observer.close();
    }

    @Test
    void aClientWhoseFramesWaitBehindASlowEventIsNotDroppedAsUnresponsive() throws Exception {
        // The event takes 5 keep-alive intervals; the client answers every ping, but its pongs wait unread in the
        // socket while the gate holds reading. The socket must stay up (for a reliable client, no recovery needed).
        RawReliableClient client = RawReliableClient.connect(server, HUB, "vera");
        client.send("{\"type\":\"event\",\"event\":\"slower\",\"ackId\":1,\"dataType\":\"text\",\"data\":\"e\"}");
        client.send("{\"type\":\"ping\"}"); // queued behind the event: reading stops

        JsonNode ack = JSON.readTree(client.ws().next(SLOWER_EVENT.plusSeconds(2)).textData());
        assertThat(ack.path("type").asText()).as("%s", ack).isEqualTo("ack");
        assertThat(ack.path("success").asBoolean()).as("%s", ack).isTrue();
        assertThat(client.next().path("type").asText()).isEqualTo("pong");
        assertThat(client.ws().isClosed()).isFalse();
        client.close();
    }

    /** Exactly one {@code connected} and one {@code disconnected} POST for the connection, even a while later. */
    private void assertSystemEventsOnce(String connectionId) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> count(connectionId, "disconnected") >= 1);
        RawReliableClient.pause(500);
        assertThat(count(connectionId, "connected")).as("connected events").isEqualTo(1);
        assertThat(count(connectionId, "disconnected")).as("disconnected events").isEqualTo(1);
    }

    private long count(String connectionId, String event) {
        return recorder.all().stream().filter(r -> r.method().equals("POST"))
                .filter(r -> connectionId.equals(r.header("ce-connectionId")))
                .filter(r -> event.equals(r.header("ce-eventName"))).count();
    }
}
