package io.hubbub.conformance.webhooks;

import static io.hubbub.conformance.webhooks.Webhooks.awaitEvent;
import static io.hubbub.conformance.webhooks.Webhooks.awaitRecorded;
import static io.hubbub.conformance.webhooks.Webhooks.awaitUserEvents;
import static io.hubbub.conformance.webhooks.Webhooks.events;
import static io.hubbub.conformance.webhooks.Webhooks.hub;
import static io.hubbub.conformance.webhooks.Webhooks.userEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.azure.core.http.rest.RequestOptions;
import com.azure.messaging.webpubsub.WebPubSubServiceClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.conformance.webhooks.Webhooks.Client;
import io.hubbub.conformance.webhooks.Webhooks.ClientKind;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.WebhookRecorder;
import io.hubbub.testkit.WebhookRecorder.Recorded;
import io.hubbub.testkit.WebhookRecorder.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PROTOCOL.md §9.10: a connection's user events reach the handler in frame order, one at a time (a blocking event
 * stalls that connection's inbound frames), while other connections proceed independently.
 */
class UserEventOrderingIT {

    private static final int EVENTS_PER_CONNECTION = 40;

    private WebhookRecorder recorder;
    private TestServer server;
    private final List<Client> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        recorder = WebhookRecorder.start();
        server = Webhooks.serve(Map.of("ordered",
                hub(false, Webhooks.handler(recorder, "*", "connect", "disconnected"))));
    }

    @AfterEach
    void stop() {
        clients.forEach(Client::close);
        server.close();
        recorder.close();
    }

    @Test
    void eachConnectionsEventsArriveInFrameOrderOneAtATime() throws Exception {
        Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        Map<String, Integer> maxInFlight = new ConcurrentHashMap<>();
        recorder.respond(r -> {
            String id = r.header("ce-connectionId");
            int now = inFlight.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            maxInFlight.merge(id, now, Math::max);
            try {
                Thread.sleep(2); // a handler doing a little work, so overlapping requests would be seen
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.get(id).decrementAndGet();
            }
            return Reply.empty(204);
        });
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ClientKind kind = i % 2 == 0 ? ClientKind.JSON : ClientKind.SIMPLE;
            String user = "sender" + i;
            Client client = Webhooks.connect(server, kind, "ordered", user);
            clients.add(client);
            ids.add(Webhooks.connectionId(recorder, client, user));
        }

        ExecutorService senders = Executors.newFixedThreadPool(clients.size());
        try {
            List<Future<?>> sending = new ArrayList<>();
            for (Client client : clients) {
                sending.add(senders.submit(() -> {
                    for (int n = 0; n < EVENTS_PER_CONNECTION; n++) {
                        if (client.connectionId() == null) {
                            client.ws().sendText(Integer.toString(n));
                        } else {
                            client.ws().sendText(Webhooks.event("seq", (long) n, "text", "\"" + n + "\""));
                        }
                    }
                }));
            }
            for (Future<?> f : sending) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdownNow();
        }

        List<String> expected = IntStream.range(0, EVENTS_PER_CONNECTION).mapToObj(Integer::toString).toList();
        for (int i = 0; i < clients.size(); i++) {
            Client client = clients.get(i);
            String id = ids.get(i);
            List<Recorded> events = awaitUserEvents(recorder, id, EVENTS_PER_CONNECTION);
            assertThat(events).extracting(Recorded::bodyText).as("events of %s", id).isEqualTo(expected);
            assertThat(events).extracting(r -> Long.parseLong(r.header("ce-id"))).as("ce-ids of %s", id).isSorted()
                    .doesNotHaveDuplicates();
            if (client.connectionId() != null) {
                for (int n = 0; n < EVENTS_PER_CONNECTION; n++) {
                    JsonNode ack = client.ws().nextJson();
                    assertThat(ack.path("ackId").asInt()).as("acks of %s in order: %s", id, ack).isEqualTo(n);
                    assertThat(ack.path("success").asBoolean()).as("%s", ack).isTrue();
                }
            }
        }
        assertThat(maxInFlight).as("most events of one connection at the handler at once")
                .containsOnlyKeys(ids).allSatisfy((id, max) -> assertThat(max).as(id).isEqualTo(1));
    }

    @Test
    void aBlockedConnectionDoesNotHoldUpOthers() {
        CountDownLatch release = blockOn("block");
        Client blocked = connect("blocked");
        Client free = connect("free");

        blocked.ws().sendText(Webhooks.event("ev", 1L, "text", "\"block\""));
        blocked.ws().sendText(Webhooks.event("ev", 2L, "text", "\"after block\""));
        blocked.ws().sendText("{\"type\":\"ping\"}"); // any frame waits, not only events
        awaitRecorded(recorder, r -> "block".equals(r.bodyText()));
        free.ws().sendText(Webhooks.event("ev", 1L, "text", "\"meanwhile\""));
        assertThat(free.ws().nextJson().path("data").asText()).isEqualTo("done meanwhile");
        assertThat(free.ws().nextJson().path("success").asBoolean()).isTrue();
        assertThat(userEvents(recorder, blocked.connectionId())).extracting(Recorded::bodyText)
                .as("the blocked connection's next event waits").containsExactly("block");

        release.countDown();
        List<String> received = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            JsonNode m = blocked.ws().nextJson();
            received.add(m.path("type").asText() + " " + (m.has("data") ? m.path("data").asText()
                    : m.path("ackId").asText()));
        }
        assertThat(received).containsExactly("message done block", "ack 1", "message done after block", "ack 2",
                "pong ");
    }

    @Test
    void disconnectedWaitsForTheEventInFlight() {
        CountDownLatch release = blockOn("block");
        Client client = connect("leaving");
        client.ws().sendText(Webhooks.event("ev", 1L, "text", "\"block\""));
        awaitRecorded(recorder, r -> "block".equals(r.bodyText()));
        client.close();
        WebPubSubServiceClient rest = Webhooks.rest(server, "ordered");
        await().atMost(Webhooks.EVENT_WAIT).until(() -> !rest.connectionExistsWithResponse(client.connectionId(),
                new RequestOptions()).getValue());
        assertThat(events(recorder, client.connectionId())).extracting(r -> r.header("ce-eventName"))
                .as("disconnected must not overtake the event in flight").containsExactly("connect", "ev");

        release.countDown();
        awaitEvent(recorder, client.connectionId(), "disconnected");
        assertThat(events(recorder, client.connectionId())).extracting(r -> r.header("ce-eventName"))
                .containsExactly("connect", "ev", "disconnected");
    }

    /** Events whose data is {@code blockingData} wait for the returned latch; all are answered with text. */
    private CountDownLatch blockOn(String blockingData) {
        CountDownLatch release = new CountDownLatch(1);
        recorder.respond(r -> {
            if (blockingData.equals(r.bodyText())) {
                try {
                    release.await(15, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return "connect".equals(r.header("ce-eventName")) ? Reply.empty(204)
                    : Reply.text(200, "done " + r.bodyText());
        });
        return release;
    }

    private Client connect(String user) {
        Client client = Webhooks.connect(server, ClientKind.JSON, "ordered", user);
        clients.add(client);
        return client;
    }
}
