package io.hubbub.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServerConfigTest {

    private static final String KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefgh";

    private static ServerConfig.Builder valid() {
        return ServerConfig.builder().primaryKey(KEY);
    }

    @Test
    void shouldApplyDefaults() {
        ServerConfig config = valid().build();

        assertThat(config.bindHost()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.secondaryKey()).isNull();
        assertThat(config.publicEndpoint()).isNull();
        assertThat(config.maxMessageBytes()).isEqualTo(1024 * 1024);
        assertThat(config.slowClientBytes()).isEqualTo(4 * 1024 * 1024);
        assertThat(config.ioThreads()).isZero();
        assertThat(config.defaultHub()).isEqualTo(HubSettings.DEFAULTS);
    }

    @Test
    void runsOneEventLoopPerCoreUnlessToldOtherwise() {
        assertThat(valid().build().eventLoops()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(valid().ioThreads(3).build().eventLoops()).isEqualTo(3);
    }

    @Test
    void shouldRequireANonEmptyAccessKey() {
        assertThatThrownBy(() -> ServerConfig.builder().build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("access key");
        assertThatThrownBy(() -> ServerConfig.builder().primaryKey("").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("accessKey");
    }

    @Test
    void shouldTreatAnEmptySecondaryKeyAsAbsent() {
        assertThat(valid().secondaryKey("").build().secondaryKey()).isNull();
        assertThat(valid().secondaryKey("second").build().secondaryKey()).isEqualTo("second");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65536})
    void shouldRejectPortsOutOfRange(int port) {
        assertThatThrownBy(() -> valid().port(port).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("port");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 65535})
    void shouldAcceptPortsInRange(int port) {
        assertThat(valid().port(port).build().port()).isEqualTo(port);
    }

    @Test
    void shouldRejectAMaxMessageSizeUnder1024Bytes() {
        assertThatThrownBy(() -> valid().maxMessageBytes(1023).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("maxMessageSize");
        assertThat(valid().maxMessageBytes(1024).build().maxMessageBytes()).isEqualTo(1024);
    }

    @Test
    void shouldRejectASlowClientBudgetBelowTheMessageSize() {
        assertThatThrownBy(() -> new ServerConfig("0.0.0.0", 8080, KEY, null, null, 4096, 2048, 0, Map.of(),
                HubSettings.DEFAULTS, UpstreamSettings.DEFAULTS, 60, ClusterSettings.SINGLE_NODE, -1))
                .isInstanceOf(ConfigException.class).hasMessageContaining("slowClientBufferSize");
    }

    @Test
    void shouldBoundTheReconnectWindowTo1To3600Seconds() {
        assertThat(valid().build().reconnectWindowSeconds()).isEqualTo(60);
        assertThat(valid().reconnectWindowSeconds(1).build().reconnectWindowSeconds()).isEqualTo(1);
        assertThat(valid().reconnectWindowSeconds(3600).build().reconnectWindowSeconds()).isEqualTo(3600);
        assertThatThrownBy(() -> valid().reconnectWindowSeconds(0).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("reconnectWindowSeconds");
        assertThatThrownBy(() -> valid().reconnectWindowSeconds(3601).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("reconnectWindowSeconds");
    }

    @Test
    void shouldRejectNegativeIoThreads() {
        assertThatThrownBy(() -> valid().ioThreads(-1).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("ioThreads");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "http://localhost:8080, http://localhost:8080",
            "https://pubsub.example.com, https://pubsub.example.com",
            "http://localhost:8080/, http://localhost:8080",
            "HTTPS://PubSub.Example.com:8443, https://PubSub.Example.com:8443",
            "http://[::1]:8080, http://[::1]:8080",
            "http://hubbub_node:8080, http://hubbub_node:8080",
    })
    void shouldNormaliseAValidPublicEndpoint(String configured, String expected) {
        assertThat(valid().publicEndpoint(URI.create(configured)).build().publicEndpoint())
                .isEqualTo(URI.create(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080/api", "https://example.com/pubsub/", "ws://localhost:8080",
            "ftp://example.com", "localhost:8080", "example.com", "/relative", "http:///nohost"})
    void shouldRejectAPublicEndpointThatIsNotSchemeHostPort(String endpoint) {
        assertThatThrownBy(() -> valid().publicEndpoint(URI.create(endpoint)).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("publicEndpoint");
    }

    @Test
    void shouldLookUpHubSettingsWithTheDefaultAsFallback() {
        HubSettings chat = new HubSettings(true, 60);
        HubSettings fallback = new HubSettings(false, 10);
        Map<String, HubSettings> hubs = new HashMap<>();
        hubs.put("chat", chat);

        ServerConfig config = valid().hubs(hubs).defaultHub(fallback).build();
        hubs.clear();

        assertThat(config.hub("chat")).as("copied at build").isEqualTo(chat);
        assertThat(config.hub("other")).isEqualTo(fallback);
        assertThatThrownBy(() -> config.hubs().put("x", chat)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void hubSettingsShouldBoundTheKeepAliveInterval() {
        assertThatThrownBy(() -> new HubSettings(false, 0)).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new HubSettings(false, 121)).isInstanceOf(ConfigException.class);
        assertThat(new HubSettings(true, 1).allowsAnonymous()).isTrue();
        assertThat(new HubSettings(false, 120).keepAliveIntervalSeconds()).isEqualTo(120);
    }
}
