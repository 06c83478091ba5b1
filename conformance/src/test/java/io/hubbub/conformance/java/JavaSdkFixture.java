package io.hubbub.conformance.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.messaging.webpubsub.WebPubSubServiceClient;
import com.azure.messaging.webpubsub.WebPubSubServiceClientBuilder;
import com.azure.messaging.webpubsub.models.GetClientAccessTokenOptions;
import com.azure.messaging.webpubsub.models.WebPubSubClientAccessToken;
import com.azure.messaging.webpubsub.models.WebPubSubContentType;
import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.server.config.ClusterSettings;
import io.hubbub.testkit.TestRedis;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.TestWebSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * An in-process Hubbub node and the official Java SDK 1.4.0 pointed at it, plus real WebSocket clients whose
 * tokens come from the SDK itself. Each test gets a fresh hub, so tests do not see each other's connections.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JavaSdkFixture {

    static final String JSON_PROTOCOL = "json.webpubsub.azure.v1";

    /** The node the SDK calls. */
    TestServer server;
    /** The node the WebSocket clients connect to: {@link #server} itself, unless a subclass runs a cluster. */
    TestServer clientServer;
    WebPubSubServiceClient service;
    /** Mints the clients' tokens, with {@link #clientServer}'s URL. */
    private WebPubSubServiceClient tokenService;
    String hub;
    private final List<TestWebSocket> sockets = new ArrayList<>();

    @BeforeAll
    void startServer() {
        server = TestServer.start();
        clientServer = server;
    }

    /**
     * Two nodes of one cluster on the {@link TestRedis} under a fresh cluster name: the SDK calls one, the clients
     * connect to the other, so every call crosses Redis. Skipped without a Redis.
     */
    void startCluster() {
        assumeTrue(TestRedis.isReachable(), "no Redis at " + TestRedis.URI + " (set HUBBUB_TEST_REDIS)");
        ClusterSettings cluster = new ClusterSettings(TestRedis.URI, "it-" + UUID.randomUUID());
        server = TestServer.start(b -> b.cluster(cluster));
        clientServer = TestServer.start(b -> b.cluster(cluster));
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
        if (clientServer != null && clientServer != server) {
            clientServer.close();
        }
    }

    @BeforeEach
    void newHub() {
        hub = "hub" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        service = client(server.connectionString());
        tokenService = clientServer == server ? service : client(clientServer.connectionString());
    }

    @AfterEach
    void closeSockets() {
        sockets.forEach(TestWebSocket::close);
        sockets.clear();
    }

    WebPubSubServiceClient client(String connectionString) {
        return new WebPubSubServiceClientBuilder()
                .connectionString(connectionString)
                .hub(hub)
                .httpClient(new JdkHttpClientBuilder().build())
                .buildClient();
    }

    /** A JSON-subprotocol client connected with a token minted by the SDK; returns after its connected message. */
    Client jsonClient(String userId, String... roles) {
        return connect(options(userId, roles), JSON_PROTOCOL);
    }

    /** A simple (no subprotocol) client. */
    Client simpleClient(String userId) {
        return connect(options(userId), null);
    }

    static GetClientAccessTokenOptions options(String userId, String... roles) {
        GetClientAccessTokenOptions options = new GetClientAccessTokenOptions();
        if (userId != null) {
            options.setUserId(userId);
        }
        for (String role : roles) {
            options.addRole(role);
        }
        return options;
    }

    Client connect(GetClientAccessTokenOptions options, String subprotocol) {
        WebPubSubClientAccessToken token = tokenService.getClientAccessToken(options);
        TestWebSocket ws = subprotocol == null
                ? TestWebSocket.connect(URI.create(token.getUrl()))
                : TestWebSocket.connect(URI.create(token.getUrl()), subprotocol);
        sockets.add(ws);
        String connectionId = null;
        if (subprotocol != null) {
            JsonNode connected = ws.nextJson();
            assertThat(connected.path("type").asText()).isEqualTo("system");
            assertThat(connected.path("event").asText()).isEqualTo("connected");
            connectionId = connected.path("connectionId").asText();
        }
        return new Client(ws, connectionId);
    }

    /**
     * Sends a marker to everyone, then asserts it is the next thing {@code clients} receive: proof that nothing
     * else was delivered to them before it, without waiting on timeouts.
     */
    void assertNothingBeforeMarker(Client... clients) {
        String marker = "marker-" + UUID.randomUUID();
        service.sendToAll(marker, WebPubSubContentType.TEXT_PLAIN);
        for (Client c : clients) {
            if (c.id() == null) {
                assertThat(c.ws().nextText()).isEqualTo(marker);
            } else {
                JsonNode next = c.ws().nextJson();
                assertThat(next.path("data").asText()).as("next message of %s", c.id()).isEqualTo(marker);
            }
        }
    }

    /** A connected WebSocket and its connection id (null for simple clients, which are not told theirs). */
    record Client(TestWebSocket ws, String id) {
        JsonNode next() {
            return ws.nextJson();
        }
    }
}
