package io.hubbub.conformance.webhooks;

import static io.hubbub.conformance.webhooks.Webhooks.JSON_V1;
import static io.hubbub.conformance.webhooks.Webhooks.awaitEvent;
import static io.hubbub.conformance.webhooks.Webhooks.awaitUserEvents;
import static io.hubbub.conformance.webhooks.Webhooks.event;
import static io.hubbub.conformance.webhooks.Webhooks.hub;
import static io.hubbub.conformance.webhooks.Webhooks.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.rest.RequestOptions;
import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.conformance.webhooks.Webhooks.Client;
import io.hubbub.conformance.webhooks.Webhooks.ClientKind;
import io.hubbub.testkit.ClientTokens;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.TestWebSocket;
import io.hubbub.testkit.WebhookRecorder;
import io.hubbub.testkit.WebhookRecorder.Recorded;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Event bodies (PROTOCOL.md §9.6–§9.8): connect with claims, query, headers and subprotocols as name → array of
 * strings; connected {@code {}}; disconnected {@code {"reason":...}}; user events by data type and frame type.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventBodiesIT {

    private WebhookRecorder recorder;
    private TestServer server;

    @BeforeAll
    void start() {
        recorder = WebhookRecorder.start();
        server = Webhooks.serve(Map.of("bodies", hub(false, Webhooks.everything(recorder))));
    }

    @AfterAll
    void stop() {
        server.close();
        recorder.close();
    }

    @Test
    void connectCarriesClaimsQueryHeadersAndSubprotocolsAsArraysOfStrings() {
        long exp = Instant.now().getEpochSecond() + 3600;
        String aud = server.endpoint() + "/client/hubs/bodies";
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", aud);
        claims.put("exp", exp);
        claims.put("sub", "claims-user");
        claims.put("role", List.of("webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"));
        claims.put("tenant", "t1");
        claims.put("level", 3);
        String token = ClientTokens.sign(claims, TestServer.ACCESS_KEY);
        URI url = URI.create("ws://127.0.0.1:" + server.port() + "/client/hubs/bodies?access_token=" + token
                + "&foo=bar&foo=baz");
        Client client = Webhooks.json(TestWebSocket.connect(url, Map.of("X-Custom-Header", "custom-value"),
                JSON_V1, "custom.v1"));

        Recorded connect = awaitEvent(recorder, client.connectionId(), "connect");
        JsonNode body = json(connect);
        assertThat(body.has("clientCertificates")).as("clientCertificates without client certificates").isFalse();
        JsonNode c = body.path("claims");
        assertThat(c.path("sub")).isEqualTo(strings("claims-user"));
        assertThat(c.path("role")).isEqualTo(strings("webpubsub.joinLeaveGroup", "webpubsub.sendToGroup"));
        assertThat(c.path("tenant")).isEqualTo(strings("t1"));
        assertThat(c.path("level")).as("numeric custom claims as strings").isEqualTo(strings("3"));
        assertThat(c.path("exp")).as("numeric claims as strings").isEqualTo(strings(Long.toString(exp)));
        assertThat(c.path("aud")).isEqualTo(strings(aud));
        JsonNode query = body.path("query");
        assertThat(query.path("foo")).isEqualTo(strings("bar", "baz"));
        assertThat(query.path("access_token")).isEqualTo(strings(token));
        assertThat(headerValues(body.path("headers"), "X-Custom-Header")).isEqualTo(strings("custom-value"));
        assertThat(headerValues(body.path("headers"), "Sec-WebSocket-Protocol")).isNotNull();
        assertThat(body.path("subprotocols")).isEqualTo(strings(JSON_V1, "custom.v1"));
        for (String map : List.of("claims", "query", "headers")) {
            body.path(map).fields().forEachRemaining(e -> {
                assertThat(e.getValue().isArray()).as("%s.%s is an array: %s", map, e.getKey(), e.getValue()).isTrue();
                e.getValue().forEach(v -> assertThat(v.isTextual()).as("%s.%s holds strings", map, e.getKey())
                        .isTrue());
            });
        }
        client.close();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void connectedIsAnEmptyObjectAndDisconnectedCarriesTheReason(ClientKind kind) {
        String user = "lifecycle-" + kind.name().toLowerCase(Locale.ROOT);
        Client client = Webhooks.connect(server, kind, "bodies", user);
        String id = Webhooks.connectionId(recorder, client, user);
        if (kind == ClientKind.SIMPLE) {
            assertThat(json(awaitEvent(recorder, id, "connect")).path("subprotocols")).isEqualTo(strings());
        }
        assertThat(awaitEvent(recorder, id, "connected").bodyText()).isEqualTo("{}");
        client.close();
        JsonNode disconnected = json(awaitEvent(recorder, id, "disconnected"));
        assertThat(fieldNames(disconnected)).containsExactly("reason");
        assertThat(disconnected.path("reason").isTextual()).isTrue();
        assertThat(disconnected.path("reason").asText()).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void aRestCloseSendsItsReasonToTheHandler(ClientKind kind) {
        String user = "kicked-" + kind.name().toLowerCase(Locale.ROOT);
        Client client = Webhooks.connect(server, kind, "bodies", user);
        String id = Webhooks.connectionId(recorder, client, user);
        awaitEvent(recorder, id, "connected");
        // longer than a close frame's 123 bytes: the event keeps all of it (PROTOCOL.md §5.8)
        String reason = "kicked by admin: " + "é".repeat(80);
        Webhooks.rest(server, "bodies").closeConnectionWithResponse(id,
                new RequestOptions().addQueryParam("reason", reason));
        assertThat(client.ws().awaitClose().code()).isEqualTo(1000);
        JsonNode disconnected = json(awaitEvent(recorder, id, "disconnected"));
        assertThat(disconnected).isEqualTo(Webhooks.object().put("reason", reason));
    }

    @Test
    void jsonClientEventsMapByDataType() {
        Client client = Webhooks.connect(server, ClientKind.JSON, "bodies", "typed");
        List<String> requests = List.of(
                event("typed", 1L, "text", "\"héllo wörld\""),
                event("typed", 2L, "json", "{\"a\":[1,2,{\"b\":null}]}"),
                event("typed", 3L, "json", "\"x\""),
                event("typed", 4L, null, "{\"k\":\"v\"}"),
                event("typed", 5L, "binary", "\"AAEC/w==\""));
        for (String request : requests) {
            client.ws().sendText(request);
            assertThat(client.ws().nextJson().path("success").asBoolean()).as("ack of %s", request).isTrue();
        }
        List<Recorded> events = awaitUserEvents(recorder, client.connectionId(), 5);
        assertUserEvent(events.get(0), "text/plain", "héllo wörld".getBytes(StandardCharsets.UTF_8));
        assertThat(events.get(1).mediaType()).isEqualTo("application/json");
        assertThat(json(events.get(1))).isEqualTo(json("{\"a\":[1,2,{\"b\":null}]}".getBytes(StandardCharsets.UTF_8)));
        assertUserEvent(events.get(2), "application/json", "\"x\"".getBytes(StandardCharsets.UTF_8));
        assertThat(events.get(3).mediaType()).as("dataType defaults to json").isEqualTo("application/json");
        assertThat(json(events.get(3)).path("k").asText()).isEqualTo("v");
        assertUserEvent(events.get(4), "application/octet-stream", new byte[] {0, 1, 2, (byte) 0xFF});
        assertThat(events).extracting(r -> r.header("ce-type")).containsOnly("azure.webpubsub.user.typed");
        client.close();
    }

    @Test
    void simpleClientFramesAreMessageEventsByFrameType() {
        Client client = Webhooks.connect(server, ClientKind.SIMPLE, "bodies", "framed");
        String id = Webhooks.connectionId(recorder, client, "framed");
        client.ws().sendText("plain text ü");
        client.ws().sendBinary(new byte[] {9, 8, 0, (byte) 0x80});
        List<Recorded> events = awaitUserEvents(recorder, id, 2);
        assertUserEvent(events.get(0), "text/plain", "plain text ü".getBytes(StandardCharsets.UTF_8));
        assertUserEvent(events.get(1), "application/octet-stream", new byte[] {9, 8, 0, (byte) 0x80});
        assertThat(events).extracting(r -> r.header("ce-eventName")).containsOnly("message");
        assertThat(events).extracting(r -> r.header("ce-type")).containsOnly("azure.webpubsub.user.message");
        client.close();
    }

    private static void assertUserEvent(Recorded e, String mediaType, byte[] body) {
        assertThat(e.mediaType()).as("Content-Type of %s", e).isEqualTo(mediaType);
        assertThat(e.body()).as("body of %s", e).isEqualTo(body);
    }

    private static JsonNode strings(String... values) {
        return Webhooks.JSON.valueToTree(List.of(values));
    }

    /** Header names are case-insensitive; the body may keep the client's spelling or not. */
    private static JsonNode headerValues(JsonNode headers, String name) {
        for (Iterator<String> it = headers.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.equalsIgnoreCase(name)) {
                return headers.get(key);
            }
        }
        return null;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
