package io.hubbub.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubbub.server.upstream.WebhookTarget.Origin;
import java.net.URI;
import org.junit.jupiter.api.Test;

class WebhookTargetTest {

    private static WebhookTarget target(String url) {
        return WebhookTarget.of(URI.create(url));
    }

    @Test
    void shouldPutThePortInTheHostHeaderOnlyWhenItIsNotTheDefault() {
        assertThat(target("http://example.com/api").hostHeader()).isEqualTo("example.com");
        assertThat(target("http://example.com:80/api").hostHeader()).isEqualTo("example.com");
        assertThat(target("https://example.com:443/api").hostHeader()).isEqualTo("example.com");
        assertThat(target("http://example.com:8080/api").hostHeader()).isEqualTo("example.com:8080");
        assertThat(target("https://example.com:80/api").hostHeader()).isEqualTo("example.com:80");
    }

    @Test
    void shouldKnowTheOriginToConnectTo() {
        assertThat(target("https://Example.com/x").origin()).isEqualTo(new Origin(true, "Example.com", 443));
        assertThat(target("http://127.0.0.1:7071/x").origin()).isEqualTo(new Origin(false, "127.0.0.1", 7071));
        WebhookTarget v6 = target("http://[::1]:8080/x");
        assertThat(v6.origin()).isEqualTo(new Origin(false, "::1", 8080));
        assertThat(v6.hostHeader()).isEqualTo("[::1]:8080");
    }

    @Test
    void shouldSendTheRawPathAndQuery() {
        assertThat(target("http://h/api/my%20hub/ev?code=a%2Bb&x=1").pathAndQuery())
                .isEqualTo("/api/my%20hub/ev?code=a%2Bb&x=1");
        assertThat(target("http://h").pathAndQuery()).isEqualTo("/");
        assertThat(target("http://h?x=1").pathAndQuery()).isEqualTo("/?x=1");
        assertThat(WebhookTarget.of(URI.create("http://h/caf\u00e9")).pathAndQuery()).isEqualTo("/caf%C3%A9");
    }

    @Test
    void shouldRefuseOtherSchemes() {
        assertThatThrownBy(() -> target("ftp://example.com/x")).isInstanceOf(IllegalArgumentException.class);
    }
}
