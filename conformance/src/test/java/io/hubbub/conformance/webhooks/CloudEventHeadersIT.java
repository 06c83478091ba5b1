package io.hubbub.conformance.webhooks;

import static io.hubbub.conformance.webhooks.Webhooks.JSON_V1;
import static io.hubbub.conformance.webhooks.Webhooks.anonymousUrl;
import static io.hubbub.conformance.webhooks.Webhooks.awaitEvent;
import static io.hubbub.conformance.webhooks.Webhooks.awaitRecorded;
import static io.hubbub.conformance.webhooks.Webhooks.events;
import static io.hubbub.conformance.webhooks.Webhooks.hub;
import static io.hubbub.conformance.webhooks.Webhooks.json;
import static io.hubbub.conformance.webhooks.Webhooks.sendUserEvent;
import static io.hubbub.conformance.webhooks.Webhooks.signature;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.conformance.webhooks.Webhooks.Client;
import io.hubbub.conformance.webhooks.Webhooks.ClientKind;
import io.hubbub.conformance.webhooks.Webhooks.Mismatches;
import io.hubbub.server.config.EventHandlerSettings;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.TestWebSocket;
import io.hubbub.testkit.WebhookRecorder;
import io.hubbub.testkit.WebhookRecorder.Recorded;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PROTOCOL.md §9.4: the CloudEvents headers of every event POST (connect, connected, user events, disconnected),
 * for simple and JSON clients, with a hub name in capitals, a static auth header, and anonymous clients.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudEventHeadersIT {

    private static final Set<String> SYSTEM_EVENTS = Set.of("connect", "connected", "disconnected");
    private static final String TIME_FORMAT = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";

    private WebhookRecorder recorder;
    private TestServer server;

    @BeforeAll
    void start() {
        recorder = WebhookRecorder.start();
        EventHandlerSettings withAuth = new EventHandlerSettings(recorder.url("/api/{hub}/{event}"), "*",
                SYSTEM_EVENTS, "Authorization", "Bearer s3cret");
        server = Webhooks.serve(Map.of(
                "headerhub", hub(false, withAuth),
                "anonsimple", hub(true, Webhooks.everything(recorder)),
                "anonjson", hub(true, Webhooks.everything(recorder))));
    }

    @AfterAll
    void stop() {
        server.close();
        recorder.close();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void everyEventCarriesTheCloudEventHeaders(ClientKind kind) {
        String user = "user-" + kind.name().toLowerCase(Locale.ROOT);
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Client client = Webhooks.connect(server, kind, "HeaderHub", user);
        String id = Webhooks.connectionId(recorder, client, user);
        String eventName = kind == ClientKind.SIMPLE ? "message" : "chat";
        for (long i = 1; i <= 3; i++) {
            sendUserEvent(client, kind, "chat", i, "hello " + i);
            if (kind == ClientKind.JSON) {
                assertThat(client.ws().nextJson().path("success").asBoolean()).isTrue();
            }
        }
        awaitRecorded(recorder, r -> id.equals(r.header("ce-connectionId")) && "hello 3".equals(r.bodyText()));
        client.close();
        awaitEvent(recorder, id, "disconnected");
        Instant after = Instant.now();

        List<Recorded> events = events(recorder, id);
        assertThat(events).extracting(r -> r.header("ce-eventName"))
                .containsExactly("connect", "connected", eventName, eventName, eventName, "disconnected");
        String expectedSubprotocol = kind == ClientKind.JSON ? JSON_V1 : null;
        Mismatches mismatches = new Mismatches();
        long previousId = -1;
        for (Recorded e : events) {
            String name = e.header("ce-eventName");
            boolean system = SYSTEM_EVENTS.contains(name);
            String what = name + " event of a " + kind + " client";
            assertCommonHeaders(mismatches, e, what, "headerhub", id);
            mismatches.expect(what + ": URL", e.path(), "/api/headerhub/" + name);
            mismatches.expect(what + ": ce-type", e.header("ce-type"),
                    (system ? "azure.webpubsub.sys." : "azure.webpubsub.user.") + name);
            mismatches.expect(what + ": ce-userId", e.header("ce-userId"), user);
            mismatches.expect(what + ": ce-subprotocol", e.header("ce-subprotocol"),
                    name.equals("connect") ? null : expectedSubprotocol);
            mismatches.expect(what + ": ce-connectionState", e.header("ce-connectionState"), null);
            mismatches.expect(what + ": static auth header", e.header("Authorization"), "Bearer s3cret");
            mismatches.expect(what + ": Content-Type", system ? e.header("Content-Type") : e.mediaType(),
                    system ? "application/json; charset=utf-8" : "text/plain");
            String time = e.header("ce-time");
            boolean wellFormed = time != null && time.matches(TIME_FORMAT);
            mismatches.expectTrue(what + ": ce-time like 2021-01-01T00:00:00Z", wellFormed, time);
            if (wellFormed) {
                Instant t = Instant.parse(time);
                mismatches.expectTrue(what + ": ce-time between " + before + " and " + after,
                        !t.isBefore(before) && !t.isAfter(after), time);
            }
            String ceId = e.header("ce-id");
            boolean integer = ceId != null && ceId.matches("\\d+");
            mismatches.expectTrue(what + ": ce-id an integer", integer, ceId);
            if (integer) {
                mismatches.expectTrue(what + ": ce-id greater than the previous " + previousId,
                        Long.parseLong(ceId) > previousId, ceId);
                previousId = Long.parseLong(ceId);
            }
        }
        mismatches.assertNone();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void anonymousClientsHaveNoUserIdHeader(ClientKind kind) {
        String hubName = "Anon" + (kind == ClientKind.JSON ? "Json" : "Simple");
        String hubLower = hubName.toLowerCase(Locale.ROOT);
        TestWebSocket ws = kind == ClientKind.JSON
                ? TestWebSocket.connect(anonymousUrl(server, hubName), JSON_V1)
                : TestWebSocket.connect(anonymousUrl(server, hubName));
        Client client = kind == ClientKind.JSON ? Webhooks.json(ws) : new Client(ws, null, null);
        if (kind == ClientKind.JSON) {
            assertThat(client.connected().has("userId")).as("connected message of an anonymous client").isFalse();
        }
        String id = awaitRecorded(recorder, r -> "connect".equals(r.header("ce-eventName"))
                && hubLower.equals(r.header("ce-hub"))).header("ce-connectionId");
        sendUserEvent(client, kind, "chat", null, "anonymous hello");
        awaitRecorded(recorder, r -> id.equals(r.header("ce-connectionId"))
                && "anonymous hello".equals(r.bodyText()));
        client.close();
        awaitEvent(recorder, id, "disconnected");

        List<Recorded> events = events(recorder, id);
        assertThat(events).hasSize(4);
        Mismatches mismatches = new Mismatches();
        for (Recorded e : events) {
            String what = e.header("ce-eventName") + " event of an anonymous " + kind + " client";
            assertCommonHeaders(mismatches, e, what, hubLower, id);
            mismatches.expect(what + ": ce-userId", e.headers().get("ce-userId"), null);
            mismatches.expect(what + ": Authorization (none configured)", e.headers().get("Authorization"), null);
        }
        JsonNode claims = json(events.get(0)).path("claims");
        mismatches.expectTrue("claims of an anonymous client are {}", claims.isObject() && claims.isEmpty(), claims);
        mismatches.assertNone();
    }

    private void assertCommonHeaders(Mismatches mismatches, Recorded e, String what, String hub, String id) {
        mismatches.expect(what + ": ce-specversion", e.header("ce-specversion"), "1.0");
        mismatches.expect(what + ": ce-awpsversion", e.header("ce-awpsversion"), "1.0");
        mismatches.expect(what + ": ce-source", e.header("ce-source"), "/hubs/" + hub + "/client/" + id);
        mismatches.expect(what + ": ce-hub", e.header("ce-hub"), hub);
        mismatches.expect(what + ": ce-connectionId", e.header("ce-connectionId"), id);
        mismatches.expect(what + ": WebHook-Request-Origin", e.header("WebHook-Request-Origin"), "localhost");
        mismatches.expect(what + ": ce-signature (primary, secondary)", e.header("ce-signature"),
                signature(TestServer.ACCESS_KEY, id) + "," + signature(TestServer.SECONDARY_KEY, id));
        for (String name : List.of("ce-specversion", "ce-type", "ce-source", "ce-id", "ce-time", "ce-awpsversion",
                "ce-signature", "ce-connectionId", "ce-hub", "ce-eventName")) {
            List<String> values = e.headers().get(name);
            mismatches.expect(what + ": number of " + name + " headers", values == null ? 0 : values.size(), 1);
        }
    }
}
