package io.hubbub.conformance.webhooks;

import static io.hubbub.conformance.webhooks.Webhooks.JSON_V1;
import static io.hubbub.conformance.webhooks.Webhooks.hub;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.messaging.webpubsub.models.WebPubSubContentType;
import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.conformance.webhooks.Webhooks.Client;
import io.hubbub.server.config.EventHandlerSettings;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.TestWebSocket;
import io.hubbub.testkit.TestWebSocket.Frame;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code @azure/web-pubsub-express} as an independent, third-party handler (PROTOCOL.md §9.11): it accepts Hubbub's
 * abuse-protection request (answering {@code WebHook-Allowed-Origin: localhost:8080}, our origin plus a port), its
 * {@code handleConnect} sets user and groups, its state travels back in {@code ce-connectionState}, connected and
 * disconnected reach its callbacks, and its {@code handleUserEvent} replies reach the client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExpressHandlerIT {

    private ExpressHandlerProcess express;
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        express = ExpressHandlerProcess.start("Chat", "http://localhost:8080");
        EventHandlerSettings handler = new EventHandlerSettings(
                "http://127.0.0.1:" + express.port() + "/api/webpubsub/hubs/{hub}/{event}", "*",
                EventHandlerSettings.SYSTEM_EVENTS, null, null);
        server = Webhooks.serve(Map.of("chat", hub(false, handler)));
    }

    @AfterEach
    void nothingFellThrough() {
        assertThat(express.lines()).as("requests express did not take").noneMatch(l -> l.has("unhandled")
                || "unhandled".equals(l.path("event").asText()));
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (express != null) {
            express.close();
        }
    }

    @Test
    void aJsonClientsLifeThroughExpress() {
        Client client = Webhooks.json(TestWebSocket.connect(URI.create(server.clientUrl("Chat", "u1") + "&name=alice"),
                JSON_V1));
        String id = client.connectionId();
        assertThat(client.connected().path("userId").asText()).as("userId from handleConnect")
                .isEqualTo("express-alice");

        JsonNode connect = line("connect", id);
        assertThat(connect.path("userId").asText()).isEqualTo("u1");
        assertThat(connect.path("hub").asText()).isEqualTo("chat");
        assertThat(connect.path("origin").asText()).isEqualTo("localhost");
        assertThat(connect.path("signature").asText()).isEqualTo(Webhooks.signature(TestServer.ACCESS_KEY, id) + ","
                + Webhooks.signature(TestServer.SECONDARY_KEY, id));
        assertThat(connect.path("queries").path("name").get(0).asText()).isEqualTo("alice");
        assertThat(connect.path("claims").path("sub").get(0).asText()).isEqualTo("u1");
        assertThat(connect.path("subprotocols").get(0).asText()).isEqualTo(JSON_V1);

        JsonNode connected = line("connected", id);
        assertThat(connected.path("userId").asText()).isEqualTo("express-alice");
        assertThat(connected.path("states").path("greeted").asText()).as("state set in handleConnect")
                .isEqualTo("alice");

        Webhooks.rest(server, "chat").sendToGroup("express-alice-room", "to the room",
                WebPubSubContentType.TEXT_PLAIN);
        assertThat(client.ws().nextJson().path("data").asText()).as("group joined by handleConnect")
                .isEqualTo("to the room");

        client.ws().sendText(Webhooks.event("say", 1L, "text", "\"hello\""));
        assertMessage(client.ws().nextJson(), "text", "\"echo: hello\"");
        assertAck(client.ws().nextJson(), 1);
        client.ws().sendText(Webhooks.event("say", 2L, "json", "{\"a\":[1,2]}"));
        assertMessage(client.ws().nextJson(), "json", "{\"echo\":{\"a\":[1,2]}}");
        assertAck(client.ws().nextJson(), 2);
        client.ws().sendText(Webhooks.event("say", 3L, "binary", "\"AQID\""));
        assertMessage(client.ws().nextJson(), "binary", "\"/wECAw==\"");
        assertAck(client.ws().nextJson(), 3);

        assertThat(express.lines()).filteredOn(l -> "user".equals(l.path("event").asText())
                        && id.equals(l.path("connectionId").asText()))
                .extracting(l -> l.path("eventName").asText() + " " + l.path("dataType").asText() + " "
                        + l.path("data") + " " + l.path("userId").asText() + " " + l.path("states").path("greeted"))
                .containsExactly(
                        "say text \"hello\" express-alice \"alice\"",
                        "say json {\"a\":[1,2]} express-alice \"alice\"",
                        "say binary \"AQID\" express-alice \"alice\"");

        client.close();
        JsonNode disconnected = line("disconnected", id);
        assertThat(disconnected.path("userId").asText()).isEqualTo("express-alice");
        assertThat(disconnected.path("reason").isTextual()).as("%s", disconnected).isTrue();
        assertThat(disconnected.path("states").path("greeted").asText()).as("state on disconnected").isEqualTo("alice");
    }

    @Test
    void aSimpleClientsMessagesThroughExpress() {
        TestWebSocket ws = TestWebSocket.connect(URI.create(server.clientUrl("Chat", "u2") + "&name=bob"));
        JsonNode connect = express.awaitLine(l -> "connect".equals(l.path("event").asText())
                && "u2".equals(l.path("userId").asText()));
        String id = connect.path("connectionId").asText();
        assertThat(connect.path("subprotocols").isArray() && connect.path("subprotocols").isEmpty()).isTrue();

        ws.sendText("hey");
        assertThat(ws.nextText()).isEqualTo("echo: hey");
        ws.sendBinary(new byte[] {5, 6});
        assertThat(ws.next()).isEqualTo(new Frame(false, null, new byte[] {(byte) 0xFF, 5, 6}));
        JsonNode message = express.awaitLine(l -> "user".equals(l.path("event").asText())
                && id.equals(l.path("connectionId").asText()));
        assertThat(message.path("eventName").asText()).isEqualTo("message");
        assertThat(message.path("userId").asText()).isEqualTo("express-bob");

        ws.close();
        assertThat(line("disconnected", id).path("userId").asText()).isEqualTo("express-bob");
    }

    private JsonNode line(String event, String connectionId) {
        return express.awaitLine(l -> event.equals(l.path("event").asText())
                && connectionId.equals(l.path("connectionId").asText()));
    }

    private static void assertMessage(JsonNode message, String dataType, String data) {
        assertThat(message.path("from").asText()).as("%s", message).isEqualTo("server");
        assertThat(message.path("dataType").asText()).as("%s", message).isEqualTo(dataType);
        assertThat(message.path("data").toString()).as("%s", message).isEqualTo(data);
    }

    private static void assertAck(JsonNode ack, long ackId) {
        assertThat(ack.path("ackId").asLong()).as("%s", ack).isEqualTo(ackId);
        assertThat(ack.path("success").asBoolean()).as("%s", ack).isTrue();
    }
}
