package io.hubbub.conformance.webhooks;

import static io.hubbub.conformance.webhooks.Webhooks.awaitEvent;
import static io.hubbub.conformance.webhooks.Webhooks.hub;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.conformance.webhooks.Webhooks.Client;
import io.hubbub.conformance.webhooks.Webhooks.ClientKind;
import io.hubbub.server.config.UpstreamSettings;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.TestWebSocket.CloseStatus;
import io.hubbub.testkit.WebhookRecorder;
import io.hubbub.testkit.WebhookRecorder.Reply;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Failing and missing user event handlers (PROTOCOL.md §9.8, §5.2): with an ackId the ack fails with
 * {@code InternalServerError} and the connection stays; without one the connection is closed (1011); a simple
 * client without a {@code message} handler is closed with 1000 and no reason; a JSON event without a handler is
 * acked {@code NotFound}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserEventFailuresIT {

    private static final Duration BLOCKING_TIMEOUT = Duration.ofSeconds(2);

    private WebhookRecorder recorder;
    private TestServer server;
    private Client client;

    @BeforeAll
    void start() {
        recorder = WebhookRecorder.start();
        recorder.respond(r -> switch (r.bodyText()) {
            case "fail 500" -> Reply.text(500, "handler broke");
            case "fail timeout" -> Reply.empty(204).after(BLOCKING_TIMEOUT.multipliedBy(2));
            case "fail 404" -> Reply.text(404, "no such route");
            case "fail too large" -> Reply.text(200, "x".repeat(4096)); // over maxResponseBytes below
            default -> Reply.empty(204);
        });
        UpstreamSettings upstream = new UpstreamSettings(BLOCKING_TIMEOUT, Duration.ofSeconds(10), 3, 1024, 1024);
        server = Webhooks.serve(Map.of(
                "failing", hub(false, Webhooks.everything(recorder)),
                "unhandled", hub(false, Webhooks.handler(recorder, "other", "connected", "disconnected"))),
                b -> b.upstream(upstream));
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
    @ValueSource(strings = {"fail 500", "fail 404", "fail timeout", "fail too large"})
    void withAnAckIdTheAckFailsAndTheConnectionStays(String failure) {
        client = Webhooks.connect(server, ClientKind.JSON, "failing", "acked");
        client.ws().sendText(Webhooks.event("ev", 1L, "text", Webhooks.quote(failure)));
        JsonNode ack = client.ws().nextJson();
        assertThat(ack.path("type").asText()).as("%s", ack).isEqualTo("ack");
        assertThat(ack.path("ackId").asLong()).as("%s", ack).isEqualTo(1);
        assertThat(ack.path("success").asBoolean()).as("%s", ack).isFalse();
        assertThat(ack.path("error").path("name").asText()).as("%s", ack).isEqualTo("InternalServerError");
        assertThat(ack.path("error").path("message").asText()).as("%s", ack).isNotBlank();

        client.ws().sendText(Webhooks.event("ev", 2L, "text", "\"fine\""));
        JsonNode next = client.ws().nextJson();
        assertThat(next.path("ackId").asLong()).as("%s", next).isEqualTo(2);
        assertThat(next.path("success").asBoolean()).as("the connection stays usable: %s", next).isTrue();
    }

    @Test
    void withoutAnAckIdAJsonClientIsClosed() {
        client = Webhooks.connect(server, ClientKind.JSON, "failing", "unacked");
        client.ws().sendText(Webhooks.event("ev", null, "text", "\"fail 500\""));
        JsonNode disconnected = client.ws().nextJson();
        assertThat(disconnected.path("type").asText()).as("%s", disconnected).isEqualTo("system");
        assertThat(disconnected.path("event").asText()).as("%s", disconnected).isEqualTo("disconnected");
        assertThat(disconnected.path("message").asText()).as("%s", disconnected).isNotBlank();
        assertThat(client.ws().awaitClose().code()).isEqualTo(1011);
        awaitEvent(recorder, client.connectionId(), "disconnected");
    }

    @Test
    void aSimpleClientIsClosedWhenItsHandlerFails() {
        client = Webhooks.connect(server, ClientKind.SIMPLE, "failing", "simple-failing");
        client.ws().sendText("fail 500");
        assertThat(client.ws().awaitClose().code()).isEqualTo(1011);
    }

    @Test
    void aSimpleClientWithoutAMessageHandlerIsClosedWith1000AndNoReason() {
        client = Webhooks.connect(server, ClientKind.SIMPLE, "unhandled", "simple-unhandled");
        client.ws().sendText("nobody listens");
        CloseStatus status = client.ws().awaitClose();
        assertThat(status.code()).isEqualTo(1000);
        assertThat(status.reason()).isEmpty();
    }

    @Test
    void aJsonEventWithoutAHandlerIsAckedNotFoundAndTheConnectionStays() {
        client = Webhooks.connect(server, ClientKind.JSON, "unhandled", "json-unhandled");
        client.ws().sendText(Webhooks.event("nobodyListens", 5L, "text", "\"hello\""));
        JsonNode ack = client.ws().nextJson();
        assertThat(ack.path("ackId").asLong()).as("%s", ack).isEqualTo(5);
        assertThat(ack.path("success").asBoolean()).as("%s", ack).isFalse();
        assertThat(ack.path("error").path("name").asText()).as("%s", ack).isEqualTo("NotFound");
        assertThat(ack.path("error").path("message").asText()).as("%s", ack).isNotBlank();

        client.ws().sendText(Webhooks.event("nobodyListens", null, "text", "\"dropped\""));
        client.ws().sendText("{\"type\":\"ping\"}");
        assertThat(client.ws().nextJson().path("type").asText()).as("dropped silently, still connected")
                .isEqualTo("pong");
    }
}
