package io.hubbub.conformance.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.messaging.webpubsub.WebPubSubServiceClientBuilder;
import com.azure.messaging.webpubsub.models.WebPubSubContentType;
import io.hubbub.server.config.EventHandlerSettings;
import io.hubbub.server.config.HubSettings;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.TestWebSocket;
import io.hubbub.testkit.WebhookRecorder;
import io.hubbub.testkit.WebhookRecorder.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} on the metrics port: what an operator scrapes. */
class MetricsIT {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(TestServer server, String method) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.server().metrics().port()
                + "/metrics")).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    @Test
    void countsConnectionsMessagesAndRestAnswers() throws Exception {
        try (TestServer server = TestServer.start(b -> b.metricsPort(0));
                TestWebSocket a = server.jsonClient("chat", "alice");
                TestWebSocket b = server.jsonClient("chat", "bob")) {
            new WebPubSubServiceClientBuilder().connectionString(server.connectionString()).hub("chat")
                    .httpClient(new JdkHttpClientBuilder().build()).buildClient()
                    .sendToAll("hello", WebPubSubContentType.TEXT_PLAIN);
            assertThat(a.nextJson().path("data").asText()).isEqualTo("hello");
            assertThat(b.nextJson().path("data").asText()).isEqualTo("hello");

            HttpResponse<String> response = get(server, "GET");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("text/plain"));
            String scrape = response.body();
            assertThat(value(scrape, "hubbub_connections")).isEqualTo(2.0);
            assertThat(value(scrape, "hubbub_messages_published_total")).isEqualTo(1.0);
            assertThat(value(scrape, "hubbub_messages_delivered_total")).isEqualTo(2.0);
            assertThat(value(scrape, "hubbub_rest_requests_total{status=\"202\"}")).isEqualTo(1.0);
            assertThat(value(scrape, "hubbub_cluster_healthy")).isEqualTo(1.0);
            assertThat(scrape).contains("jvm_memory_used_bytes", "process_cpu_usage", "jvm_gc_");

            a.close();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> value(get(server, "GET").body(), "hubbub_connections") == 1.0);
            assertThat(get(server, "POST").statusCode()).isEqualTo(405);
        }
    }

    @Test
    void timesCallsToEventHandlersByOutcome() throws Exception {
        try (WebhookRecorder handler = WebhookRecorder.start()) {
            handler.allowOrigin("localhost");
            handler.respond(r -> r.path().endsWith("/connected") ? Reply.empty(204) : Reply.text(500, "down"));
            HubSettings hooks = new HubSettings(false, HubSettings.DEFAULT_KEEP_ALIVE_SECONDS, List.of(
                    new EventHandlerSettings(handler.url("/{event}"), "*", Set.of("connected"), null, null)));
            try (TestServer server = TestServer.start(b -> b.metricsPort(0).hubs(Map.of("hooks", hooks)));
                    TestWebSocket client = server.jsonClient("hooks", "alice")) {
                handler.nextEvent("connected");
                client.sendText("{\"type\":\"event\",\"event\":\"ping\",\"dataType\":\"text\",\"data\":\"x\","
                        + "\"ackId\":1}");
                handler.nextEvent("ping");
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    String scrape = get(server, "GET").body();
                    assertThat(value(scrape, "hubbub_webhook_requests_seconds_count{outcome=\"2xx\"}"))
                            .isEqualTo(1.0);
                    assertThat(value(scrape, "hubbub_webhook_requests_seconds_count{outcome=\"5xx\"}"))
                            .isEqualTo(1.0);
                });
            }
        }
    }

    @Test
    void areNotServedUnlessAPortIsGiven() {
        try (TestServer server = TestServer.start()) {
            assertThat(server.server().metrics().port()).isEqualTo(-1);
        }
    }
}
