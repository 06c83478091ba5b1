package io.hubbub.testkit;

import io.hubbub.server.HubbubServer;
import io.hubbub.server.config.HubSettings;
import io.hubbub.server.config.ServerConfig;
import java.net.URI;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A Hubbub node in the test's own process, on 127.0.0.1 and a free port, with a known access key. Close it after
 * use (try-with-resources or {@code @AfterAll}).
 */
public final class TestServer implements AutoCloseable {

    public static final String ACCESS_KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefgh";
    public static final String SECONDARY_KEY = "secondary-key-0123456789-abcdefghijklmnopqrstuvwxyz";

    private final HubbubServer server;
    private final ClientTokens tokens;

    private TestServer(HubbubServer server) {
        this.server = server;
        this.tokens = new ClientTokens(ACCESS_KEY, endpoint());
    }

    /** A node with default settings: anonymous clients denied, both test keys accepted. */
    public static TestServer start() {
        return start(b -> { });
    }

    /** A node with defaults adjusted by {@code customizer}. */
    public static TestServer start(Consumer<ServerConfig.Builder> customizer) {
        ServerConfig.Builder builder = ServerConfig.builder()
                .bindHost("127.0.0.1")
                .port(0)
                .primaryKey(ACCESS_KEY)
                .secondaryKey(SECONDARY_KEY)
                .ioThreads(2)
                .hubs(Map.of("anon", new HubSettings(true, HubSettings.DEFAULT_KEEP_ALIVE_SECONDS)));
        customizer.accept(builder);
        HubbubServer server = new HubbubServer(builder.build());
        try {
            return new TestServer(server.start());
        } catch (Exception e) {
            server.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the test server did not start", e);
        }
    }

    public HubbubServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:port} */
    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    /** The connection string the official SDKs take. */
    public String connectionString() {
        return "Endpoint=http://127.0.0.1;Port=" + port() + ";AccessKey=" + ACCESS_KEY + ";Version=1.0;";
    }

    public ClientTokens tokens() {
        return tokens;
    }

    /** {@code ws://127.0.0.1:port/client/hubs/{hub}?access_token=...} for a token with these claims. */
    public URI clientUrl(String hub, String userId, String... roles) {
        return URI.create("ws://127.0.0.1:" + port() + "/client/hubs/" + hub + "?access_token="
                + tokens.client(hub, userId, java.util.List.of(roles), java.util.List.of()));
    }

    /** A connected JSON-subprotocol client; its {@code connected} message is already consumed. */
    public TestWebSocket jsonClient(String hub, String userId, String... roles) {
        TestWebSocket ws = TestWebSocket.connect(clientUrl(hub, userId, roles), "json.webpubsub.azure.v1");
        ws.nextJsonMatching(n -> "system".equals(n.path("type").asText())
                && "connected".equals(n.path("event").asText()));
        return ws;
    }

    @Override
    public void close() {
        server.close();
    }
}
