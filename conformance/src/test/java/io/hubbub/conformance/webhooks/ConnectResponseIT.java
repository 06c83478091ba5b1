package io.hubbub.conformance.webhooks;

import static io.hubbub.conformance.webhooks.Webhooks.JSON_V1;
import static io.hubbub.conformance.webhooks.Webhooks.awaitEvent;
import static io.hubbub.conformance.webhooks.Webhooks.awaitUserEvents;
import static io.hubbub.conformance.webhooks.Webhooks.events;
import static io.hubbub.conformance.webhooks.Webhooks.hub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.messaging.webpubsub.models.WebPubSubContentType;
import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.conformance.webhooks.Webhooks.Client;
import io.hubbub.server.config.UpstreamSettings;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.TestWebSocket;
import io.hubbub.testkit.WebSocketHandshakeFailure;
import io.hubbub.testkit.WebhookRecorder;
import io.hubbub.testkit.WebhookRecorder.Recorded;
import io.hubbub.testkit.WebhookRecorder.Reply;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code connect} handler's answer (PROTOCOL.md §9.6, §5.1): a 200 JSON body sets user, groups, roles and
 * subprotocol; 204 and an empty 200 accept as is; a 4xx rejects the upgrade with its status and body; 5xx, timeouts
 * and a subprotocol the client did not offer reject with 500.
 */
class ConnectResponseIT {

    private static final String HUB = "connecting";

    private WebhookRecorder recorder;
    private TestServer server;

    @BeforeEach
    void start() {
        recorder = WebhookRecorder.start();
        server = Webhooks.serve(Map.of(HUB, hub(false, Webhooks.everything(recorder))));
    }

    @AfterEach
    void stop() {
        server.close();
        recorder.close();
    }

    @Test
    void aJsonAnswerSetsUserIdGroupsAndRoles() {
        answerConnect(r -> Reply.json(200, "{\"userId\":\"assigned\",\"groups\":[\"g1\"],"
                + "\"roles\":[\"webpubsub.joinLeaveGroup.g2\"],\"subprotocol\":\"json.webpubsub.azure.v1\"}"));
        Client client = Webhooks.json(TestWebSocket.connect(server.clientUrl(HUB, "original"), "custom.first",
                JSON_V1));
        assertThat(client.ws().subprotocol()).isEqualTo(JSON_V1);
        assertThat(client.connected().path("userId").asText()).isEqualTo("assigned");
        assertThat(awaitEvent(recorder, client.connectionId(), "connected").header("ce-userId"))
                .isEqualTo("assigned");

        Webhooks.rest(server, HUB).sendToGroup("g1", "to g1", WebPubSubContentType.TEXT_PLAIN);
        JsonNode groupMessage = client.ws().nextJson();
        assertThat(groupMessage.path("from").asText()).as("%s", groupMessage).isEqualTo("server");
        assertThat(groupMessage.path("data").asText()).as("the REST send to g1 reached the client: %s", groupMessage)
                .isEqualTo("to g1");

        client.ws().sendText("{\"type\":\"joinGroup\",\"group\":\"g2\",\"ackId\":1}");
        assertThat(client.ws().nextJson().path("success").asBoolean()).as("role from the connect answer").isTrue();
        client.ws().sendText("{\"type\":\"joinGroup\",\"group\":\"g3\",\"ackId\":2}");
        assertThat(client.ws().nextJson().path("error").path("name").asText()).isEqualTo("Forbidden");
        client.close();
    }

    @Test
    void aSubprotocolChosenByTheHandlerIsEchoed() {
        answerConnect(r -> Reply.json(200, "{\"subprotocol\":\"custom.v1\"}"));
        TestWebSocket ws = TestWebSocket.connect(server.clientUrl(HUB, "custom"), JSON_V1, "custom.v1");
        assertThat(ws.subprotocol()).isEqualTo("custom.v1");
        Recorded connected = awaitRecorded("connected"); // the connection is registered by now
        assertThat(connected.header("ce-subprotocol")).isEqualTo("custom.v1");
        // not a Web PubSub subprotocol: a simple client, which gets raw frames
        Webhooks.rest(server, HUB).sendToUser("custom", "raw text", WebPubSubContentType.TEXT_PLAIN);
        assertThat(ws.nextText()).isEqualTo("raw text");
        ws.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"204", "200 empty", "200 empty JSON type", "200 blank subprotocol"})
    void anEmptyAnswerAcceptsAsIs(String answer) {
        Reply reply = switch (answer) {
            case "204" -> Reply.empty(204);
            case "200 empty" -> Reply.empty(200);
            case "200 empty JSON type" -> Reply.empty(200).withHeader("Content-Type", "application/json");
            default -> Reply.json(200, "{\"subprotocol\":\"\"}"); // a blank subprotocol counts as absent
        };
        answerConnect(r -> reply);
        Client client = Webhooks.json(TestWebSocket.connect(server.clientUrl(HUB, "as-is"), JSON_V1));
        assertThat(client.ws().subprotocol()).isEqualTo(JSON_V1);
        assertThat(client.connected().path("userId").asText()).isEqualTo("as-is");
        assertThat(awaitEvent(recorder, client.connectionId(), "connected").header("ce-userId")).isEqualTo("as-is");
        client.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404})
    void aClientErrorRejectsTheUpgradeWithThatStatusAndBody(int status) {
        answerConnect(r -> Reply.text(status, "denied with " + status));
        WebSocketHandshakeFailure failure = rejected(server);
        assertThat(failure.statusCode()).isEqualTo(status);
        assertThat(failure.body()).isEqualTo("denied with " + status);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503})
    void aServerErrorRejectsWith500(int status) {
        answerConnect(r -> Reply.text(status, "broken"));
        assertThat(rejected(server).statusCode()).isEqualTo(500);
    }

    @Test
    void aTimeoutRejectsWith500() {
        answerConnect(r -> Reply.empty(204).after(Duration.ofSeconds(10)));
        UpstreamSettings quick = new UpstreamSettings(Duration.ofMillis(1500), Duration.ofSeconds(10), 3,
                1024 * 1024, 1024);
        try (TestServer impatient = Webhooks.serve(Map.of(HUB, hub(false, Webhooks.everything(recorder))),
                b -> b.upstream(quick))) {
            long started = System.nanoTime();
            assertThat(rejected(impatient).statusCode()).isEqualTo(500);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void aSubprotocolTheClientDidNotOfferRejectsWith500() {
        answerConnect(r -> Reply.json(200, "{\"subprotocol\":\"json.reliable.webpubsub.azure.v1\"}"));
        assertThat(rejected(server).statusCode()).isEqualTo(500);
    }

    @Test
    void connectionStateFromConnectIsSentUntilAUserEventAnswerReplacesOrClearsIt() {
        recorder.respond(r -> {
            if ("connect".equals(r.header("ce-eventName"))) {
                return Reply.empty(204).withHeader("ce-connectionState", "c3RhdGUx");
            }
            return switch (r.bodyText()) {
                case "replace" -> Reply.empty(204).withHeader("ce-connectionState", "c3RhdGUy");
                case "two headers" -> Reply.empty(204).withHeader("ce-connectionState", "eA==")
                        .withHeader("ce-connectionState", "eQ==");
                case "too large" -> Reply.empty(204).withHeader("ce-connectionState", "A".repeat(5000));
                case "clear" -> Reply.empty(204).withHeader("ce-connectionState", "");
                default -> Reply.empty(204);
            };
        });
        Client client = Webhooks.json(TestWebSocket.connect(server.clientUrl(HUB, "stateful"), JSON_V1));
        long ackId = 0;
        for (String data : new String[] {"replace", "two headers", "too large", "clear", "after"}) {
            client.ws().sendText(Webhooks.event("ev", ++ackId, "text", Webhooks.quote(data)));
            assertThat(client.ws().nextJson().path("success").asBoolean()).isTrue();
        }
        awaitUserEvents(recorder, client.connectionId(), 5);
        client.close();
        awaitEvent(recorder, client.connectionId(), "disconnected");

        // PROTOCOL.md §9.9: one header replaces, an empty one clears, several or more than 4 KB are ignored
        assertThat(events(recorder, client.connectionId()))
                .extracting(r -> r.header("ce-eventName") + ("ev".equals(r.header("ce-eventName"))
                        ? " " + r.bodyText() : "") + " -> " + r.header("ce-connectionState"))
                .containsExactly("connect -> null", "connected -> c3RhdGUx", "ev replace -> c3RhdGUx",
                        "ev two headers -> c3RhdGUy", "ev too large -> c3RhdGUy", "ev clear -> c3RhdGUy",
                        "ev after -> null", "disconnected -> null");
    }

    @Test
    void aRejectedConnectionGetsNoFurtherEvents() {
        answerConnect(r -> "refused".equals(r.header("ce-userId")) ? Reply.text(401, "no") : Reply.empty(204));
        assertThat(rejected(server, "refused").statusCode()).isEqualTo(401);
        String refusedId = awaitRecorded("connect").header("ce-connectionId");
        // a later client's whole life: the refused one's connected would have been sent at its (absent) upgrade
        Client later = Webhooks.json(TestWebSocket.connect(server.clientUrl(HUB, "later"), JSON_V1));
        awaitEvent(recorder, later.connectionId(), "connected");
        later.close();
        awaitEvent(recorder, later.connectionId(), "disconnected");
        assertThat(events(recorder, refusedId)).extracting(r -> r.header("ce-eventName")).containsExactly("connect");
    }

    private void answerConnect(Function<Recorded, Reply> connectReply) {
        recorder.respond(r -> "connect".equals(r.header("ce-eventName")) ? connectReply.apply(r) : Reply.empty(200));
    }

    private static WebSocketHandshakeFailure rejected(TestServer target) {
        return rejected(target, "rejected");
    }

    private static WebSocketHandshakeFailure rejected(TestServer target, String userId) {
        WebSocketHandshakeFailure failure = catchThrowableOfType(WebSocketHandshakeFailure.class,
                () -> TestWebSocket.connect(target.clientUrl(HUB, userId), JSON_V1).close());
        assertThat(failure).as("the upgrade should have been rejected").isNotNull();
        return failure;
    }

    private Recorded awaitRecorded(String eventName) {
        return Webhooks.awaitRecorded(recorder, r -> r.method().equals("POST")
                && eventName.equals(r.header("ce-eventName")));
    }
}
