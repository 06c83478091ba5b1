package io.hubbub.conformance.webhooks;

import static io.hubbub.conformance.webhooks.Webhooks.awaitEvent;
import static io.hubbub.conformance.webhooks.Webhooks.events;
import static io.hubbub.conformance.webhooks.Webhooks.hub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.azure.messaging.webpubsub.models.WebPubSubContentType;
import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.conformance.webhooks.Webhooks.Client;
import io.hubbub.conformance.webhooks.Webhooks.ClientKind;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.WebhookRecorder;
import io.hubbub.testkit.WebhookRecorder.Recorded;
import io.hubbub.testkit.WebhookRecorder.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * PROTOCOL.md §9.7, §9.10: {@code connected} and {@code disconnected} are retried after 1 s and 3 s (then 5 s) on
 * 5xx, not on 4xx, with the same {@code ce-id}; their retries do not hold up the client's traffic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NonBlockingRetryIT {

    private static final Duration RETRIES_DONE = Duration.ofSeconds(20);

    private WebhookRecorder recorder;
    private TestServer server;
    /** Arrival times (nanos) of each connection's attempts of each system event, keyed "connectionId event". */
    private final Map<String, List<Long>> attempts = new ConcurrentHashMap<>();
    private final List<Client> clients = new ArrayList<>();

    @BeforeAll
    void start() {
        recorder = WebhookRecorder.start();
        recorder.respond(r -> {
            String event = r.header("ce-eventName");
            List<Long> times = attempts.computeIfAbsent(r.header("ce-connectionId") + " " + event,
                    k -> new CopyOnWriteArrayList<>());
            times.add(System.nanoTime());
            String user = String.valueOf(r.header("ce-userId"));
            if (user.equals("retry-" + event)) {
                return Reply.empty(times.size() <= 2 ? 503 : 200);
            }
            if (user.equals("no-retry")) {
                return Reply.text(400, "bad");
            }
            if (user.startsWith("busy") && event.equals("connected")) {
                return Reply.empty(503);
            }
            return Reply.empty(200);
        });
        server = Webhooks.serve(Map.of("retrying", hub(false, Webhooks.handler(recorder, "*", "connected",
                "disconnected"))));
    }

    @AfterEach
    void closeClients() {
        clients.forEach(Client::close);
        clients.clear();
    }

    @AfterAll
    void stop() {
        server.close();
        recorder.close();
    }

    @Test
    void a503IsRetriedUntilTheHandlerSucceeds() {
        Client failsConnected = connect("retry-connected");
        Client failsDisconnected = connect("retry-disconnected");
        String a = failsConnected.connectionId();
        String b = failsDisconnected.connectionId();
        failsDisconnected.close(); // its disconnected follows its (successful) connected at once

        await().atMost(RETRIES_DONE).until(() -> count(a, "connected") == 3 && count(b, "disconnected") == 3);
        assertRetried(a, "connected");
        assertRetried(b, "disconnected");
        assertThat(count(b, "connected")).isEqualTo(1);

        failsConnected.close();
        awaitEvent(recorder, a, "disconnected");
        assertThat(count(a, "connected")).as("no attempt after the success").isEqualTo(3);
    }

    @Test
    void a400IsNotRetried() {
        Client client = connect("no-retry");
        String id = client.connectionId();
        awaitEvent(recorder, id, "connected");
        client.close();
        awaitEvent(recorder, id, "disconnected");
        // disconnected waits for connected's last attempt, so a retry of connected would have come before it
        assertThat(count(id, "connected")).isEqualTo(1);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> count(id, "disconnected") == 1);
    }

    @Test
    void retriesOfConnectedDoNotHoldUpGroupTraffic() {
        Client client = connect("busy-groups", "webpubsub.joinLeaveGroup", "webpubsub.sendToGroup");
        awaitEvent(recorder, client.connectionId(), "connected");
        client.ws().sendText("{\"type\":\"joinGroup\",\"group\":\"g\",\"ackId\":1}");
        client.ws().sendText("{\"type\":\"sendToGroup\",\"group\":\"g\",\"ackId\":2,\"dataType\":\"text\","
                + "\"data\":\"to the group\"}");
        Webhooks.rest(server, "retrying").sendToUser("busy-groups", "from REST", WebPubSubContentType.TEXT_PLAIN);
        List<String> received = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            JsonNode m = client.ws().nextJson();
            received.add(m.path("type").asText() + " " + (m.has("ackId") ? m.path("ackId").asText() + " "
                    + m.path("success").asText() : m.path("data").asText()));
        }
        assertThat(received).contains("ack 1 true", "ack 2 true", "message to the group", "message from REST");
        assertThat(count(client.connectionId(), "connected")).as("connected still being retried").isLessThan(4);
    }

    /**
     * Issue 3: connected "never delays message traffic". The first attempt of connected goes out before the user
     * event (§9.10 order), but its retries (1 + 3 + 5 s, more with slow handlers) should not stall the client's
     * events: the Java client gives up on an ack after 30 s.
     */
    @Test
    void retriesOfConnectedDoNotHoldUpUserEvents() {
        Client client = connect("busy-events");
        awaitEvent(recorder, client.connectionId(), "connected");
        client.ws().sendText(Webhooks.event("ev", 1L, "text", "\"hi\""));
        JsonNode ack;
        try {
            ack = Webhooks.json(client.ws().next(Duration.ofSeconds(3)).textData().getBytes(StandardCharsets.UTF_8));
        } catch (AssertionError e) {
            throw new AssertionError("the user event was not acked within 3 s while connected was being retried ("
                    + count(client.connectionId(), "connected") + " attempts so far): user events wait for every "
                    + "retry of connected", e);
        }
        assertThat(ack.path("success").asBoolean()).as("%s", ack).isTrue();
    }

    private Client connect(String user, String... roles) {
        Client client = Webhooks.connect(server, ClientKind.JSON, "retrying", user, roles);
        clients.add(client);
        return client;
    }

    private int count(String connectionId, String event) {
        return attempts.getOrDefault(connectionId + " " + event, List.of()).size();
    }

    /** Three attempts of one event: the same ce-id, at least 1 s and then 3 s apart. */
    private void assertRetried(String connectionId, String event) {
        List<Recorded> tries = events(recorder, connectionId).stream()
                .filter(r -> event.equals(r.header("ce-eventName"))).toList();
        assertThat(tries).hasSize(3);
        assertThat(tries).extracting(r -> r.header("ce-id")).as("ce-id of every attempt").containsOnly(
                tries.get(0).header("ce-id"));
        List<Long> times = attempts.get(connectionId + " " + event);
        assertThat(Duration.ofNanos(times.get(1) - times.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(Duration.ofNanos(times.get(2) - times.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(2700));
    }
}
