package io.hubbub.conformance.webhooks;

import static io.hubbub.conformance.webhooks.Webhooks.JSON_V1;
import static io.hubbub.conformance.webhooks.Webhooks.awaitEvent;
import static io.hubbub.conformance.webhooks.Webhooks.hub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.conformance.webhooks.Webhooks.Client;
import io.hubbub.conformance.webhooks.Webhooks.ClientKind;
import io.hubbub.server.config.EventHandlerSettings;
import io.hubbub.server.config.UpstreamSettings;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.TestWebSocket;
import io.hubbub.testkit.WebSocketHandshakeFailure;
import io.hubbub.testkit.WebhookRecorder;
import io.hubbub.testkit.WebhookRecorder.Recorded;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PROTOCOL.md §9.3: before the first delivery to a URL, an {@code OPTIONS} request with our origin; a handler that
 * does not answer {@code WebHook-Allowed-Origin} with {@code *} or our origin (port allowed) is never POSTed to,
 * and a connect handler that fails validation rejects the upgrade with 500. Verdicts are cached per URL.
 */
class AbuseProtectionIT {

    private static final String HUB = "guarded";

    private WebhookRecorder recorder;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        recorder.close();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"other.example", "localhost.other.example", "notlocalhost", "127.0.0.1"})
    void aConnectHandlerThatDoesNotAllowUsRejectsTheUpgradeAndIsNeverPosted(String allowed) {
        start(allowed, Webhooks.everything(recorder()), UpstreamSettings.DEFAULTS);
        WebSocketHandshakeFailure failure = catchThrowableOfType(WebSocketHandshakeFailure.class,
                () -> TestWebSocket.connect(server.clientUrl(HUB, "u"), JSON_V1).close());
        assertThat(failure).as("upgrade rejected").isNotNull();
        assertThat(failure.statusCode()).isEqualTo(500);

        assertThat(recorder.all()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("OPTIONS");
            assertValidationRequest(r);
        });
    }

    @Test
    void eventsOfAHandlerThatDoesNotAllowUsAreNeverPosted() {
        // no retries: a failing connected would otherwise hold the user event up for 9 s (see NonBlockingRetryIT)
        UpstreamSettings noRetries = new UpstreamSettings(Duration.ofSeconds(20), Duration.ofSeconds(10), 0,
                1024 * 1024, 1024);
        start("other.example", Webhooks.handler(recorder(), "*", "connected", "disconnected"), noRetries);
        Client client = Webhooks.connect(server, ClientKind.JSON, HUB, "u");
        client.ws().sendText(Webhooks.event("ev", 1L, "text", "\"hello\""));
        JsonNode ack = client.ws().nextJson();
        assertThat(ack.path("success").asBoolean()).as("%s", ack).isFalse();
        assertThat(ack.path("error").path("name").asText()).as("%s", ack).isEqualTo("InternalServerError");
        client.ws().sendText("{\"type\":\"ping\"}");
        assertThat(client.ws().nextJson().path("type").asText()).as("still connected").isEqualTo("pong");
        client.close();

        assertThat(recorder.all()).isNotEmpty().extracting(Recorded::method).containsOnly("OPTIONS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LocalHost", "localhost:8080", "*", "other.example, localhost"})
    void aHandlerThatAllowsOurOriginIsCalled(String allowed) {
        start(allowed, Webhooks.everything(recorder()), UpstreamSettings.DEFAULTS);
        Client client = Webhooks.connect(server, ClientKind.JSON, HUB, "u");
        assertThat(awaitEvent(recorder, client.connectionId(), "connect").path()).isEqualTo("/api/guarded/connect");
        awaitEvent(recorder, client.connectionId(), "connected");
        client.close();
        Recorded validation = recorder.all().get(0);
        assertThat(validation.method()).isEqualTo("OPTIONS");
        assertValidationRequest(validation);
    }

    @Test
    void theVerdictIsCachedPerUrl() {
        start("localhost", Webhooks.everything(recorder()), UpstreamSettings.DEFAULTS);
        for (String user : new String[] {"first", "second", "third"}) {
            Client client = Webhooks.connect(server, ClientKind.JSON, HUB, user);
            awaitEvent(recorder, client.connectionId(), "connected");
            client.close();
            awaitEvent(recorder, client.connectionId(), "disconnected");
        }
        assertThat(recorder.all()).filteredOn(r -> r.method().equals("OPTIONS")).hasSize(1);
    }

    private WebhookRecorder recorder() {
        recorder = WebhookRecorder.start();
        return recorder;
    }

    private void start(String allowedOrigin, EventHandlerSettings handler, UpstreamSettings upstream) {
        recorder.allowOrigin(allowedOrigin);
        server = Webhooks.serve(Map.of(HUB, hub(false, handler)), b -> b.upstream(upstream));
    }

    private static void assertValidationRequest(Recorded r) {
        assertThat(r.path()).isEqualTo("/api/guarded/validate");
        assertThat(r.header("WebHook-Request-Origin")).isEqualTo("localhost");
        assertThat(r.header("ce-awpsversion")).isEqualTo("1.0");
    }
}
