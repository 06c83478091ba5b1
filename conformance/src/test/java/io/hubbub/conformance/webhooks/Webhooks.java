package io.hubbub.conformance.webhooks;

import static org.awaitility.Awaitility.await;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.messaging.webpubsub.WebPubSubServiceClient;
import com.azure.messaging.webpubsub.WebPubSubServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hubbub.server.config.EventHandlerSettings;
import io.hubbub.server.config.HubSettings;
import io.hubbub.server.config.ServerConfig;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.TestWebSocket;
import io.hubbub.testkit.WebhookRecorder;
import io.hubbub.testkit.WebhookRecorder.Recorded;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the webhook ITs share: handler settings pointing at a {@link WebhookRecorder}, servers with such hubs,
 * clients of both kinds, and look-ups of recorded events that do not consume the recorder's queue (a test may ask
 * for one connection's events in any order while other connections' events keep arriving).
 */
final class Webhooks {

    static final String JSON_V1 = "json.webpubsub.azure.v1";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration EVENT_WAIT = Duration.ofSeconds(10);

    private Webhooks() {
    }

    /** Client kinds whose events the handler must see alike. */
    enum ClientKind {
        /** No subprotocol, {@code webpubsub_mode=sendEvent}: each frame is the user event {@code message}. */
        SIMPLE,
        /** {@code json.webpubsub.azure.v1}: user events are {@code event} requests. */
        JSON
    }

    /** A handler at {@code /api/{hub}/{event}} of the recorder. */
    static EventHandlerSettings handler(WebhookRecorder recorder, String userEventPattern, String... systemEvents) {
        return new EventHandlerSettings(recorder.url("/api/{hub}/{event}"), userEventPattern, Set.of(systemEvents),
                null, null);
    }

    /** A handler taking every user event and every system event. */
    static EventHandlerSettings everything(WebhookRecorder recorder) {
        return handler(recorder, "*", "connect", "connected", "disconnected");
    }

    static HubSettings hub(boolean anonymous, EventHandlerSettings... handlers) {
        return new HubSettings(anonymous, HubSettings.DEFAULT_KEEP_ALIVE_SECONDS, List.of(handlers));
    }

    /** A node serving {@code hubs} (names lower-case), with the test keys. */
    static TestServer serve(Map<String, HubSettings> hubs) {
        return serve(hubs, b -> { });
    }

    static TestServer serve(Map<String, HubSettings> hubs, Consumer<ServerConfig.Builder> more) {
        return TestServer.start(b -> {
            b.hubs(hubs);
            more.accept(b);
        });
    }

    /** The official Java SDK's service client for {@code hub}, over the JDK HTTP client. */
    static WebPubSubServiceClient rest(TestServer server, String hub) {
        return new WebPubSubServiceClientBuilder()
                .connectionString(server.connectionString())
                .hub(hub)
                .httpClient(new JdkHttpClientBuilder().build())
                .buildClient();
    }

    /** Connects a client of {@code kind} as {@code userId}; a JSON client's {@code connected} message is consumed. */
    static Client connect(TestServer server, ClientKind kind, String hub, String userId, String... roles) {
        URI url = server.clientUrl(hub, userId, roles);
        return kind == ClientKind.JSON ? json(TestWebSocket.connect(url, JSON_V1)) : new Client(
                TestWebSocket.connect(url), null, null);
    }

    /** Wraps a JSON client whose first frame must be its {@code connected} message. */
    static Client json(TestWebSocket ws) {
        JsonNode connected = ws.nextJson();
        if (!"connected".equals(connected.path("event").asText())) {
            throw new AssertionError("expected the connected message first, got " + connected);
        }
        return new Client(ws, connected.path("connectionId").asText(), connected);
    }

    /** An anonymous client URL (no token) for a hub that allows anonymous clients. */
    static URI anonymousUrl(TestServer server, String hub) {
        return URI.create("ws://127.0.0.1:" + server.port() + "/client/hubs/" + hub);
    }

    /** A JSON {@code event} request; {@code data} is a JSON value (a quoted string for text and binary). */
    static String event(String name, Long ackId, String dataType, String data) {
        return "{\"type\":\"event\",\"event\":\"" + name + "\""
                + (ackId == null ? "" : ",\"ackId\":" + ackId)
                + (dataType == null ? "" : ",\"dataType\":\"" + dataType + "\"")
                + ",\"data\":" + data + "}";
    }

    /** Sends a user event of {@code kind}: a text frame for simple clients, a text event named {@code name} else. */
    static void sendUserEvent(Client client, ClientKind kind, String name, Long ackId, String text) {
        if (kind == ClientKind.SIMPLE) {
            client.ws().sendText(text);
        } else {
            client.ws().sendText(event(name, ackId, "text", quote(text)));
        }
    }

    static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every event POST recorded so far for this connection, in arrival order. */
    static List<Recorded> events(WebhookRecorder recorder, String connectionId) {
        return recorder.all().stream()
                .filter(r -> r.method().equals("POST") && connectionId.equals(r.header("ce-connectionId")))
                .toList();
    }

    /** Waits for the first recorded request that matches, without consuming the recorder's queue. */
    static Recorded awaitRecorded(WebhookRecorder recorder, Predicate<Recorded> predicate) {
        Recorded[] found = new Recorded[1];
        await().atMost(EVENT_WAIT).pollInterval(Duration.ofMillis(10)).until(() -> {
            found[0] = recorder.all().stream().filter(predicate).findFirst().orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    /** The first event POST named {@code eventName} of this connection. */
    static Recorded awaitEvent(WebhookRecorder recorder, String connectionId, String eventName) {
        return awaitRecorded(recorder, r -> r.method().equals("POST")
                && connectionId.equals(r.header("ce-connectionId")) && eventName.equals(r.header("ce-eventName")));
    }

    /** Waits until this connection has at least {@code count} user events; returns the first {@code count}. */
    static List<Recorded> awaitUserEvents(WebhookRecorder recorder, String connectionId, int count) {
        await().atMost(EVENT_WAIT).pollInterval(Duration.ofMillis(10))
                .until(() -> userEvents(recorder, connectionId).size() >= count);
        return userEvents(recorder, connectionId).subList(0, count);
    }

    /** This connection's user event POSTs so far, in arrival order. */
    static List<Recorded> userEvents(WebhookRecorder recorder, String connectionId) {
        return events(recorder, connectionId).stream()
                .filter(r -> String.valueOf(r.header("ce-type")).startsWith("azure.webpubsub.user.")).toList();
    }

    /**
     * A client's connection id: JSON clients are told theirs; a simple client's is learnt from the first event of
     * its (test-unique) user.
     */
    static String connectionId(WebhookRecorder recorder, Client client, String userId) {
        return client.connectionId() != null ? client.connectionId()
                : awaitRecorded(recorder, r -> r.method().equals("POST") && userId.equals(r.header("ce-userId")))
                        .header("ce-connectionId");
    }

    static JsonNode json(Recorded r) {
        return json(r.body());
    }

    static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + new String(body, StandardCharsets.UTF_8), e);
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** {@code sha256=} + lower-case hex of HMAC-SHA256(key, connectionId), as PROTOCOL.md §9.5 defines it. */
    static String signature(String key, String connectionId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(connectionId.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code sha256=<hex>} values of a {@code ce-signature} header, split as the .NET validator does. */
    static List<String> signatures(String header) {
        return Arrays.stream(header.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * Collects mismatches so that one run reports every wrong header at once. (AssertJ's SoftAssertions would do,
     * but its proxies cost seconds of class generation on a cold JVM.)
     */
    static final class Mismatches {
        private final List<String> found = new ArrayList<>();

        void expect(String what, Object actual, Object expected) {
            if (!Objects.equals(actual, expected)) {
                found.add(what + ": expected <" + expected + "> but was <" + actual + ">");
            }
        }

        void expectTrue(String what, boolean condition, Object actual) {
            if (!condition) {
                found.add(what + ": not satisfied by <" + actual + ">");
            }
        }

        void assertNone() {
            if (!found.isEmpty()) {
                throw new AssertionError(found.size() + " mismatches:\n  " + String.join("\n  ", found));
            }
        }
    }

    /** A connected client; {@code connectionId} and {@code connected} are null for simple clients. */
    record Client(TestWebSocket ws, String connectionId, JsonNode connected) implements AutoCloseable {
        @Override
        public void close() {
            ws.close();
        }
    }
}
