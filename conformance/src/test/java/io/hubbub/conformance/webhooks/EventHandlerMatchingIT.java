package io.hubbub.conformance.webhooks;

import static io.hubbub.conformance.webhooks.Webhooks.awaitEvent;
import static io.hubbub.conformance.webhooks.Webhooks.awaitRecorded;
import static io.hubbub.conformance.webhooks.Webhooks.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubbub.conformance.webhooks.Webhooks.Client;
import io.hubbub.conformance.webhooks.Webhooks.ClientKind;
import io.hubbub.server.config.EventHandlerSettings;
import io.hubbub.server.config.HubSettings;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.WebhookRecorder;
import io.hubbub.testkit.WebhookRecorder.Recorded;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * PROTOCOL.md §9.2: handlers are tried in order and the first match wins; {@code userEventPattern} is {@code *}, a
 * comma list or one name; {@code systemEvents} picks system events; {@code {hub}} and {@code {event}} are
 * substituted and query strings kept. Each handler of the hub has its own path prefix on one recorder.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventHandlerMatchingIT {

    private WebhookRecorder recorder;
    private TestServer server;

    @BeforeAll
    void start() {
        recorder = WebhookRecorder.start();
        List<EventHandlerSettings> handlers = List.of(
                handler("/list/{hub}/{event}", "alpha,beta"),
                handler("/single/{hub}/{event}", "gamma", "connected"),
                handler("/message/{hub}/{event}", "message"),
                handler("/all/{hub}/{event}?code=secret", "*", "connect", "connected", "disconnected"),
                handler("/never/{hub}/{event}", "*", "connect", "connected", "disconnected"));
        server = Webhooks.serve(Map.of("matching", new HubSettings(false, 20, handlers)));
    }

    @AfterAll
    void stop() {
        server.close();
        recorder.close();
    }

    @Test
    void theFirstMatchingHandlerGetsEachEvent() {
        Client client = Webhooks.connect(server, ClientKind.JSON, "Matching", "matcher");
        long ackId = 0;
        for (String event : List.of("alpha", "beta", "gamma", "delta", "alphabet")) {
            client.ws().sendText(Webhooks.event(event, ++ackId, "text", "\"x\""));
            assertThat(client.ws().nextJson().path("success").asBoolean()).as("ack of %s", event).isTrue();
        }
        client.close();
        awaitEvent(recorder, client.connectionId(), "disconnected");

        assertThat(events(recorder, client.connectionId()))
                .extracting(r -> r.header("ce-eventName") + " -> " + url(r))
                .containsExactly(
                        "connect -> /all/matching/connect?code=secret",
                        "connected -> /single/matching/connected",
                        "alpha -> /list/matching/alpha",
                        "beta -> /list/matching/beta",
                        "gamma -> /single/matching/gamma",
                        "delta -> /all/matching/delta?code=secret",
                        "alphabet -> /all/matching/alphabet?code=secret",
                        "disconnected -> /all/matching/disconnected?code=secret");
        assertThat(recorder.all()).extracting(Recorded::path).noneMatch(p -> p.startsWith("/never/"));
        assertThat(recorder.all()).filteredOn(r -> r.method().equals("OPTIONS"))
                .extracting(EventHandlerMatchingIT::url)
                .contains("/list/matching/validate", "/single/matching/validate",
                        "/all/matching/validate?code=secret");
    }

    @Test
    void aSimpleClientsFrameIsTheUserEventMessage() {
        Client client = Webhooks.connect(server, ClientKind.SIMPLE, "matching", "simple-matcher");
        client.ws().sendText("hello");
        Recorded message = awaitRecorded(recorder, r -> "simple-matcher".equals(r.header("ce-userId"))
                && "message".equals(r.header("ce-eventName")));
        assertThat(message.path()).isEqualTo("/message/matching/message");
        client.close();
    }

    private static String url(Recorded r) {
        return r.path() + (r.query() == null ? "" : "?" + r.query());
    }

    private EventHandlerSettings handler(String path, String userEventPattern, String... systemEvents) {
        return new EventHandlerSettings(recorder.url(path), userEventPattern, Set.of(systemEvents), null, null);
    }
}
