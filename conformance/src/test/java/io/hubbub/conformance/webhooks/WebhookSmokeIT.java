package io.hubbub.conformance.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubbub.server.config.EventHandlerSettings;
import io.hubbub.server.config.HubSettings;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.TestWebSocket;
import io.hubbub.testkit.WebhookRecorder;
import io.hubbub.testkit.WebhookRecorder.Recorded;
import io.hubbub.testkit.WebhookRecorder.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** One client's life as its event handler sees it: connect, connected, a user event with a reply, disconnected. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookSmokeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private WebhookRecorder recorder;
    private TestServer server;

    @BeforeAll
    void start() {
        recorder = WebhookRecorder.start();
        EventHandlerSettings handler = new EventHandlerSettings(recorder.url("/api/{hub}/{event}"), "*",
                EventHandlerSettings.SYSTEM_EVENTS, null, null);
        server = TestServer.start(b -> b.hubs(Map.of("chat", new HubSettings(false, 20, List.of(handler)))));
    }

    @AfterAll
    void stop() {
        server.close();
        recorder.close();
    }

    @Test
    void aClientsLifeReachesTheHandlerInOrder() throws Exception {
        TestWebSocket ws = TestWebSocket.connect(server.clientUrl("chat", "u1"), "json.webpubsub.azure.v1");
        JsonNode connectedMessage = ws.nextJson();
        String connectionId = connectedMessage.path("connectionId").asText();

        Recorded validation = recorder.nextMatching(r -> r.method().equals("OPTIONS"));
        assertThat(validation.path()).isEqualTo("/api/chat/validate");
        assertThat(validation.header("WebHook-Request-Origin")).isEqualTo("localhost");

        Recorded connect = recorder.nextEvent("connect");
        assertThat(connect.path()).isEqualTo("/api/chat/connect");
        assertThat(connect.header("ce-type")).isEqualTo("azure.webpubsub.sys.connect");
        assertThat(connect.header("ce-connectionId")).isEqualTo(connectionId);
        assertThat(connect.header("ce-userId")).isEqualTo("u1");
        assertThat(connect.header("ce-hub")).isEqualTo("chat");
        assertThat(connect.header("ce-subprotocol")).isNull();
        JsonNode connectBody = JSON.readTree(connect.body());
        assertThat(connectBody.path("claims").path("sub").get(0).asText()).isEqualTo("u1");
        assertThat(connectBody.path("subprotocols").get(0).asText()).isEqualTo("json.webpubsub.azure.v1");

        Recorded connected = recorder.nextEvent("connected");
        assertThat(connected.bodyText()).isEqualTo("{}");
        assertThat(connected.header("ce-subprotocol")).isEqualTo("json.webpubsub.azure.v1");

        recorder.respond(r -> Reply.text(200, "echo: " + r.bodyText()));
        ws.sendText("{\"type\":\"event\",\"event\":\"hello\",\"ackId\":7,\"dataType\":\"text\",\"data\":\"hi\"}");
        Recorded event = recorder.nextEvent("hello");
        assertThat(event.header("ce-type")).isEqualTo("azure.webpubsub.user.hello");
        assertThat(event.mediaType()).isEqualTo("text/plain");
        assertThat(event.bodyText()).isEqualTo("hi");
        JsonNode reply = ws.nextJson();
        assertThat(reply.path("from").asText()).isEqualTo("server");
        assertThat(reply.path("data").asText()).isEqualTo("echo: hi");
        JsonNode ack = ws.nextJson();
        assertThat(ack.path("ackId").asInt()).isEqualTo(7);
        assertThat(ack.path("success").asBoolean()).isTrue();

        recorder.respond(r -> Reply.empty(200));
        ws.close();
        Recorded disconnected = recorder.nextEvent("disconnected");
        assertThat(JSON.readTree(disconnected.body()).has("reason")).isTrue();
        assertThat(Long.parseLong(disconnected.header("ce-id"))).isGreaterThan(Long.parseLong(event.header("ce-id")));
    }
}
