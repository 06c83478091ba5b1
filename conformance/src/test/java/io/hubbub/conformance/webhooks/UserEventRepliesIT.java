package io.hubbub.conformance.webhooks;

import static io.hubbub.conformance.webhooks.Webhooks.hub;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.conformance.webhooks.Webhooks.Client;
import io.hubbub.conformance.webhooks.Webhooks.ClientKind;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.TestWebSocket.Frame;
import io.hubbub.testkit.WebhookRecorder;
import io.hubbub.testkit.WebhookRecorder.Reply;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A user event's answer goes back to the calling client (PROTOCOL.md §9.8): as a frame for simple clients, as a
 * {@code from:"server"} message of the matching dataType for JSON clients, before the {@code event} ack; 204 and
 * empty 200 answers relay nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserEventRepliesIT {

    private static final byte[] BYTES = {1, 2, 3, (byte) 0xFE};

    private WebhookRecorder recorder;
    private TestServer server;
    private Client client;

    @BeforeAll
    void start() {
        recorder = WebhookRecorder.start();
        // the event's data says how to answer
        recorder.respond(r -> switch (r.bodyText()) {
            case "text" -> Reply.text(200, "a text reply");
            case "json" -> Reply.json(200, "{\"reply\":[1,\"two\",null]}");
            case "binary" -> Reply.binary(200, BYTES);
            case "empty 200" -> Reply.empty(200);
            case "empty octet-stream" -> Reply.binary(200, new byte[0]); // what express's success() sends
            case "marker" -> Reply.text(200, "marker reply");
            default -> Reply.empty(204);
        });
        server = Webhooks.serve(Map.of("replies", hub(false, Webhooks.handler(recorder, "*"))));
    }

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    @AfterAll
    void stop() {
        server.close();
        recorder.close();
    }

    @ParameterizedTest
    @CsvSource({"text, text", "json, json", "binary, binary"})
    void aJsonClientGetsTheReplyAsAServerMessageBeforeTheAck(String answer, String dataType) {
        client = Webhooks.connect(server, ClientKind.JSON, "replies", "json-user");
        client.ws().sendText(Webhooks.event("ask", 1L, "text", Webhooks.quote(answer)));

        JsonNode reply = client.ws().nextJson();
        assertThat(reply.path("type").asText()).as("%s", reply).isEqualTo("message");
        assertThat(reply.path("from").asText()).as("%s", reply).isEqualTo("server");
        assertThat(reply.path("dataType").asText()).as("%s", reply).isEqualTo(dataType);
        assertThat(reply.has("sequenceId")).as("no sequenceId on json.webpubsub.azure.v1: %s", reply).isFalse();
        JsonNode data = reply.path("data");
        switch (dataType) {
            case "text" -> assertThat(data.asText()).isEqualTo("a text reply");
            case "json" -> assertThat(data.toString()).isEqualTo("{\"reply\":[1,\"two\",null]}");
            default -> assertThat(Base64.getDecoder().decode(data.asText())).isEqualTo(BYTES);
        }
        assertAck(client.ws().nextJson(), 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"no content", "empty 200", "empty octet-stream"})
    void anEmptyAnswerRelaysNothingToAJsonClientButAcks(String answer) {
        client = Webhooks.connect(server, ClientKind.JSON, "replies", "json-user");
        client.ws().sendText(Webhooks.event("ask", 1L, "text", Webhooks.quote(answer)));
        assertAck(client.ws().nextJson(), 1);
        client.ws().sendText(Webhooks.event("ask", 2L, "text", "\"marker\""));
        assertThat(client.ws().nextJson().path("data").asText()).isEqualTo("marker reply");
        assertAck(client.ws().nextJson(), 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "binary"})
    void aSimpleClientGetsTheReplyAsAFrame(String answer) {
        client = Webhooks.connect(server, ClientKind.SIMPLE, "replies", "simple-user");
        client.ws().sendText(answer);
        Frame frame = client.ws().next();
        switch (answer) {
            case "text" -> assertThat(frame).isEqualTo(new Frame(true, "a text reply", null));
            case "json" -> assertThat(frame).isEqualTo(new Frame(true, "{\"reply\":[1,\"two\",null]}", null));
            default -> assertThat(frame).isEqualTo(new Frame(false, null, BYTES));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"no content", "empty 200", "empty octet-stream"})
    void anEmptyAnswerRelaysNothingToASimpleClient(String answer) {
        client = Webhooks.connect(server, ClientKind.SIMPLE, "replies", "simple-user");
        client.ws().sendText(answer);
        client.ws().sendText("marker");
        assertThat(client.ws().nextText()).as("the first frame back").isEqualTo("marker reply");
    }

    private static void assertAck(JsonNode ack, long ackId) {
        assertThat(ack.path("type").asText()).as("%s", ack).isEqualTo("ack");
        assertThat(ack.path("ackId").asLong()).as("%s", ack).isEqualTo(ackId);
        assertThat(ack.path("success").asBoolean()).as("%s", ack).isTrue();
        assertThat(ack.has("error")).as("%s", ack).isFalse();
    }
}
