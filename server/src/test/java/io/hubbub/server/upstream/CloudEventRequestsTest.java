package io.hubbub.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubbub.server.auth.AccessKeys;
import io.hubbub.server.config.EventHandlerSettings;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CloudEventRequestsTest {

    private static final EventHandlerSettings HANDLER = new EventHandlerSettings(
            "http://127.0.0.1:7071/api/{hub}/{event}?code=k", "*", Set.of("connected"), "Authorization", "Bearer s");

    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-06T07:08:09.999Z"));
    private final CloudEventRequests requests = new CloudEventRequests(new AccessKeys("a".repeat(32), null),
            "localhost", clock);

    private static CloudEventRequests.Event event(String userId, String state) {
        return new CloudEventRequests.Event("chat", "conn1", userId, "message", "azure.webpubsub.user.message", 3,
                "json.webpubsub.azure.v1", state, "text/plain", "hi".getBytes(StandardCharsets.UTF_8), "sha256=ab");
    }

    private static Map<String, String> headers(WebhookRequest request) {
        Map<String, String> all = new LinkedHashMap<>();
        request.headers().forEach(h -> all.merge(h.getKey(), h.getValue(), (a, b) -> a + " | " + b));
        return all;
    }

    @Test
    void shouldSetEveryHeaderAsTheJdkClientDid() {
        WebhookRequest request = requests.build(HANDLER, event("alice", "s1"), Duration.ofSeconds(20));
        assertThat(request.method()).isEqualTo(HttpMethod.POST);
        assertThat(request.target().pathAndQuery()).isEqualTo("/api/chat/message?code=k");
        assertThat(request.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(headers(request)).containsExactly(
                Map.entry("host", "127.0.0.1:7071"),
                Map.entry("content-length", "2"),
                Map.entry("Content-Type", "text/plain"),
                Map.entry("WebHook-Request-Origin", "localhost"),
                Map.entry("ce-specversion", "1.0"),
                Map.entry("ce-type", "azure.webpubsub.user.message"),
                Map.entry("ce-source", "/hubs/chat/client/conn1"),
                Map.entry("ce-id", "3"),
                Map.entry("ce-time", "2024-05-06T07:08:09Z"),
                Map.entry("ce-awpsversion", "1.0"),
                Map.entry("ce-signature", "sha256=ab"),
                Map.entry("ce-connectionId", "conn1"),
                Map.entry("ce-hub", "chat"),
                Map.entry("ce-eventName", "message"),
                Map.entry("ce-userId", "alice"),
                Map.entry("ce-subprotocol", "json.webpubsub.azure.v1"),
                Map.entry("ce-connectionState", "s1"),
                Map.entry("Authorization", "Bearer s"));
    }

    @Test
    void shouldLeaveOutTheOptionalHeaders() {
        WebhookRequest request = requests.build(new EventHandlerSettings("https://h/e", "*", Set.of(), null, null),
                new CloudEventRequests.Event("chat", "c", null, "connected", "azure.webpubsub.sys.connected", 1, null,
                        "", "application/json; charset=utf-8", new byte[0], "sha256=ab"), Duration.ofSeconds(1));
        assertThat(request.headers().names()).doesNotContain("ce-userId", "ce-subprotocol", "ce-connectionState",
                "Authorization");
        assertThat(request.headers().get("Host")).isEqualTo("h");
        assertThat(request.headers().get("Content-Length")).isEqualTo("0");
    }

    @Test
    void shouldFormatCeTimeOncePerSecond() {
        String first = requests.time();
        clock.now = Instant.parse("2024-05-06T07:08:09.000Z");
        assertThat(requests.time()).isSameAs(first);
        clock.now = Instant.parse("2024-05-06T07:08:10.001Z");
        assertThat(requests.time()).isEqualTo("2024-05-06T07:08:10Z");
    }

    @Test
    void shouldRefuseAnAuthHeaderTheClientSetsItself() {
        EventHandlerSettings host = new EventHandlerSettings("http://h/e", "*", Set.of(), "Host", "evil");
        assertThatThrownBy(() -> requests.build(host, event(null, null), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseAHeaderValueThatWouldSplitTheRequest() {
        assertThatThrownBy(() -> requests.build(HANDLER, event("eve\r\nX-Evil: 1", null), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldSignWithEveryKey() {
        String signature = new CloudEventRequests(new AccessKeys("a".repeat(32), "b".repeat(32)), "localhost", clock)
                .signature("conn1");
        assertThat(signature).matches("sha256=[0-9a-f]{64},sha256=[0-9a-f]{64}");
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
