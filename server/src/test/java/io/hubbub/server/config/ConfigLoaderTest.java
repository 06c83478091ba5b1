package io.hubbub.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {

    private static final String KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefgh";

    @TempDir
    Path dir;

    private ServerConfig load(String yaml) throws IOException {
        ServerConfig.Builder builder = ServerConfig.builder().primaryKey(KEY);
        ConfigLoader.load(write(yaml), builder);
        return builder.build();
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("hubbub.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void shouldLoadEverySetting() throws IOException {
        ServerConfig config = load("""
                bindHost: 127.0.0.1
                port: 9090
                accessKey: primary-key-primary-key-primary-key-12
                secondaryAccessKey: secondary-key-secondary-key-secondary
                publicEndpoint: https://pubsub.example.com
                maxMessageSize: 2048
                slowClientBufferSize: 65536
                ioThreads: 2
                defaultHub:
                  anonymousConnectPolicy: allow
                hubs:
                  Chat:
                    anonymousConnectPolicy: deny
                    webSocketKeepAliveIntervalInSeconds: 30
                """);

        assertThat(config.bindHost()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.primaryKey()).isEqualTo("primary-key-primary-key-primary-key-12");
        assertThat(config.secondaryKey()).isEqualTo("secondary-key-secondary-key-secondary");
        assertThat(config.publicEndpoint()).isEqualTo(URI.create("https://pubsub.example.com"));
        assertThat(config.maxMessageBytes()).isEqualTo(2048);
        assertThat(config.slowClientBytes()).isEqualTo(65536);
        assertThat(config.ioThreads()).isEqualTo(2);
        assertThat(config.hub("chat")).as("hub names are normalised to lower case")
                .isEqualTo(new HubSettings(false, 30));
        assertThat(config.hub("other")).isEqualTo(new HubSettings(true, HubSettings.DEFAULT_KEEP_ALIVE_SECONDS));
    }

    @Test
    void shouldKeepTheBuilderDefaultsForAnEmptyFile() throws IOException {
        ServerConfig config = load("");

        assertThat(config.port()).isEqualTo(ServerConfig.DEFAULT_PORT);
        assertThat(config.primaryKey()).isEqualTo(KEY);
        assertThat(config.hub("chat")).isEqualTo(HubSettings.DEFAULTS);
        assertThat(config.hub("chat").allowsAnonymous()).isFalse();
    }

    @Test
    void shouldAcceptIntegersWrittenAsStrings() throws IOException {
        assertThat(load("port: \"9091\"").port()).isEqualTo(9091);
    }

    @Test
    void shouldFailOnAMissingFile() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("absent.yaml"), ServerConfig.builder()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("absent.yaml");
    }

    @Test
    void shouldFailOnInvalidYaml() {
        assertThatThrownBy(() -> load("port: [9090\n"))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void shouldRejectAnUnknownTopLevelKeyByName() {
        assertThatThrownBy(() -> load("prot: 9090\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'prot'");
    }

    @Test
    void shouldRejectAnUnknownHubKeyByItsFullName() {
        assertThatThrownBy(() -> load("""
                hubs:
                  chat:
                    anonymousConnectPolcy: allow
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'hubs.chat.anonymousConnectPolcy'");
        assertThatThrownBy(() -> load("""
                defaultHub:
                  keepAlive: 10
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'defaultHub.keepAlive'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"port: abc", "port: 80.5", "port: true", "port: [1, 2]", "maxMessageSize: 1MB",
            "ioThreads: {a: 1}", "slowClientBufferSize: 99999999999"})
    void shouldRejectNonIntegerValuesNamingTheKey(String yaml) {
        String key = yaml.substring(0, yaml.indexOf(':'));

        assertThatThrownBy(() -> load(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key)
                .hasMessageContaining("integer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"accessKey: [a, b]", "bindHost: {a: 1}", "publicEndpoint: ~"})
    void shouldRejectStructuresWhereASingleValueIsExpected(String yaml) {
        String key = yaml.substring(0, yaml.indexOf(':'));

        assertThatThrownBy(() -> load(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key);
    }

    @Test
    void shouldRejectNonMappingSections() {
        assertThatThrownBy(() -> load("hubs: [chat]"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("hubs");
        assertThatThrownBy(() -> load("hubs:\n  chat: allow\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("hubs.chat");
        assertThatThrownBy(() -> load("- port: 1\n"))
                .isInstanceOf(ConfigException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1chat", "chat-room", "chat room", "_chat", "ch@t"})
    void shouldRejectInvalidHubNamesNamingThem(String hub) {
        assertThatThrownBy(() -> load("hubs:\n  \"" + hub + "\":\n    anonymousConnectPolicy: allow\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("hubs." + hub);
    }

    @Test
    void shouldAcceptHubNamesWithEveryAllowedCharacter() throws IOException {
        String longest = "h" + "a".repeat(127);

        ServerConfig config = load("hubs:\n  \"Hub_1`,.[x]\":\n    anonymousConnectPolicy: allow\n  "
                + longest + ":\n    anonymousConnectPolicy: allow\n");

        assertThat(config.hub("hub_1`,.[x]").allowsAnonymous()).isTrue();
        assertThat(config.hub(longest).allowsAnonymous()).isTrue();
        assertThatThrownBy(() -> load("hubs:\n  " + longest + "a:\n    anonymousConnectPolicy: allow\n"))
                .as("129 characters").isInstanceOf(ConfigException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 121, 3600})
    void shouldRejectKeepAliveIntervalsOutside1To120(int seconds) {
        assertThatThrownBy(() -> load("hubs:\n  chat:\n    webSocketKeepAliveIntervalInSeconds: " + seconds + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("hubs.chat")
                .hasMessageContaining("webSocketKeepAliveIntervalInSeconds");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 20, 120})
    void shouldAcceptKeepAliveIntervalsFrom1To120(int seconds) throws IOException {
        ServerConfig config = load("hubs:\n  chat:\n    webSocketKeepAliveIntervalInSeconds: " + seconds + "\n");

        assertThat(config.hub("chat").keepAliveIntervalSeconds()).isEqualTo(seconds);
    }

    @Test
    void shouldReadAnonymousConnectPolicyCaseInsensitively() throws IOException {
        ServerConfig config = load("""
                hubs:
                  a:
                    anonymousConnectPolicy: Allow
                  b:
                    anonymousConnectPolicy: DENY
                  c: {}
                  d:
                """);

        assertThat(config.hub("a").allowsAnonymous()).isTrue();
        assertThat(config.hub("b").allowsAnonymous()).isFalse();
        assertThat(config.hub("c").allowsAnonymous()).as("default deny").isFalse();
        assertThat(config.hub("d")).isEqualTo(HubSettings.DEFAULTS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "true", "allowed", "\"\""})
    void shouldRejectOtherAnonymousConnectPolicies(String policy) {
        assertThatThrownBy(() -> load("hubs:\n  chat:\n    anonymousConnectPolicy: " + policy + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("hubs.chat.anonymousConnectPolicy");
    }

    @Test
    void shouldLoadEventHandlersInOrder() throws IOException {
        ServerConfig config = load("""
                hubs:
                  chat:
                    eventHandlers:
                      - urlTemplate: http://app:3000/api/webpubsub/hubs/{hub}/{event}
                        userEventPattern: "ev1, ev2"
                        systemEvents: [connect, disconnected]
                        auth: {type: header, headerName: Authorization, headerValue: Bearer s3cret}
                      - urlTemplate: https://fallback.example.com/{event}?code=abc
                        userEventPattern: "*"
                    eventListeners: []
                upstream:
                  timeoutSeconds: 5
                  retries: 0
                """);

        HubSettings chat = config.hub("chat");
        assertThat(chat.eventHandlers()).hasSize(2);
        assertThat(chat.userEventHandler("ev2").urlTemplate())
                .isEqualTo("http://app:3000/api/webpubsub/hubs/{hub}/{event}");
        assertThat(chat.userEventHandler("other").urlTemplate()).isEqualTo("https://fallback.example.com/{event}?code=abc");
        assertThat(chat.systemEventHandler("connect").authHeaderValue()).isEqualTo("Bearer s3cret");
        assertThat(chat.systemEventHandler("connected")).isNull();
        assertThat(config.upstream().blockingTimeout()).hasSeconds(5);
        assertThat(config.upstream().retries()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "eventHandlers: {urlTemplate: http://a/b}|hubs.chat.eventHandlers must be a list",
            "eventHandlers: [{userEventPattern: '*'}]|hubs.chat.eventHandlers[0].urlTemplate is required",
            "eventHandlers: [{urlTemplate: http://a/b, urlTemplat: x}]|'hubs.chat.eventHandlers[0].urlTemplat'",
            "eventHandlers: [{urlTemplate: 'http://{hub}.example.com/x'}]|placeholders in its host",
            "eventHandlers: [{urlTemplate: ftp://a/b}]|http(s) URL",
            "eventHandlers: [{urlTemplate: http://a/b, systemEvents: [connecting]}]|unknown event 'connecting'",
            "eventHandlers: [{urlTemplate: http://a/b, auth: {type: ManagedIdentity}}]|auth.type",
            "eventHandlers: [{urlTemplate: http://a/b, auth: {type: header, headerName: X}}]|headerValue",
            "eventListeners: [{eventHubName: x}]|not supported",
    })
    void shouldRejectInvalidEventHandlersSayingWhere(String row) {
        String[] parts = row.split("\\|");

        assertThatThrownBy(() -> load("hubs:\n  chat:\n    " + parts[0] + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(parts[1]);
    }

    @Test
    void shouldRejectAPublicEndpointThatIsNotAUrl() {
        assertThatThrownBy(() -> load("publicEndpoint: \"http://exa mple.com\""))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("publicEndpoint");
    }

    @Test
    void shouldLoadTheClusterSettings() throws IOException {
        ServerConfig config = load("""
                cluster:
                  redis: redis://:secret@redis.internal:6380/2
                  name: eu-west
                """);
        assertThat(config.cluster().redis()).isEqualTo(URI.create("redis://:secret@redis.internal:6380/2"));
        assertThat(config.cluster().name()).isEqualTo("eu-west");
        assertThat(config.cluster().isClustered()).isTrue();
        assertThat(load("port: 1").cluster()).isEqualTo(ClusterSettings.SINGLE_NODE);
    }

    @Test
    void shouldRejectABadClusterSetting() {
        assertThatThrownBy(() -> load("cluster:\n  redis: http://redis:6379\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("redis://");
        assertThatThrownBy(() -> load("cluster:\n  name: two words\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cluster name");
        assertThatThrownBy(() -> load("cluster:\n  host: redis\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cluster.host");
    }

    @Test
    void shouldLoadAndBoundTheMetricsPort() throws IOException {
        assertThat(load("metricsPort: 9464").metricsPort()).isEqualTo(9464);
        assertThat(load("port: 1").metricsPort()).as("not served by default").isEqualTo(-1);
        assertThatThrownBy(() -> load("metricsPort: 70000"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("metricsPort");
    }
}
