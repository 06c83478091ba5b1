package io.hubbub.conformance.webhooks;

import static io.hubbub.conformance.webhooks.Webhooks.hub;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.rest.RequestOptions;
import com.azure.messaging.webpubsub.WebPubSubServiceClient;
import com.azure.messaging.webpubsub.models.WebPubSubContentType;
import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.conformance.webhooks.Webhooks.Client;
import io.hubbub.conformance.webhooks.Webhooks.ClientKind;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.WebhookRecorder;
import io.hubbub.testkit.WebhookRecorder.Recorded;
import io.hubbub.testkit.WebhookRecorder.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 3, "no deadlock when the handler calls back": a seed-style app that, inside {@code connected}, adds the
 * user to a group and sends to it (and to the group its connect answer joined), and inside a user event sends to
 * the user, with the official Java SDK, before answering. The client receives all of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandlerCallbackIT {

    private static final String HUB = "seed";

    private WebhookRecorder recorder;
    private TestServer server;
    private WebPubSubServiceClient rest;

    @BeforeAll
    void start() {
        recorder = WebhookRecorder.start();
        recorder.respond(this::app);
        server = Webhooks.serve(Map.of(HUB, hub(false, Webhooks.everything(recorder))));
        rest = Webhooks.rest(server, HUB);
    }

    @AfterAll
    void stop() {
        server.close();
        recorder.close();
    }

    /** The app server: every REST call is made and answered before the handler itself answers. */
    private Reply app(Recorded r) {
        String user = r.header("ce-userId");
        switch (r.header("ce-eventName")) {
            case "connect":
                return Reply.json(200, "{\"groups\":[\"lobby-" + user + "\"]}");
            case "connected":
                rest.sendToGroup("lobby-" + user, "welcome to the lobby", WebPubSubContentType.TEXT_PLAIN);
                rest.addUserToGroupWithResponse("room-" + user, user, new RequestOptions());
                rest.sendToGroup("room-" + user, "welcome to your room", WebPubSubContentType.TEXT_PLAIN);
                return Reply.empty(200);
            case "disconnected":
                return Reply.empty(200);
            default:
                rest.sendToUser(user, "to you: " + r.bodyText(), WebPubSubContentType.TEXT_PLAIN);
                return Reply.text(200, "reply: " + r.bodyText());
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void restCallsFromInsideTheHandlerReachTheClient(ClientKind kind) {
        String user = "seed-" + kind.name().toLowerCase(Locale.ROOT);
        Client client = Webhooks.connect(server, kind, HUB, user);
        List<String> received = new ArrayList<>();
        received.add(nextData(client, kind));
        received.add(nextData(client, kind));
        assertThat(received).containsExactly("welcome to the lobby", "welcome to your room");

        Webhooks.sendUserEvent(client, kind, "chat", 1L, "hello");
        assertThat(nextData(client, kind)).isEqualTo("to you: hello");
        assertThat(nextData(client, kind)).isEqualTo("reply: hello");
        if (kind == ClientKind.JSON) {
            JsonNode ack = client.ws().nextJson();
            assertThat(ack.path("ackId").asLong()).as("%s", ack).isEqualTo(1);
            assertThat(ack.path("success").asBoolean()).as("%s", ack).isTrue();
        }
        client.close();
    }

    /** The text a client got next: a raw text frame, or the data of a JSON client's message. */
    private static String nextData(Client client, ClientKind kind) {
        if (kind == ClientKind.SIMPLE) {
            return client.ws().nextText();
        }
        JsonNode message = client.ws().nextJson();
        assertThat(message.path("type").asText()).as("%s", message).isEqualTo("message");
        return message.path("data").asText();
    }
}
