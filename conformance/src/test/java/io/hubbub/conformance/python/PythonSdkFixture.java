package io.hubbub.conformance.python;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.TestWebSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * An in-process Hubbub node, the official Python server SDK (Debian's {@code python3-azure},
 * {@code azure-messaging-webpubsubservice} 1.1.0b1) driving it from a child process, and real WebSocket clients whose
 * tokens come from that SDK. Each test gets a fresh hub, so tests do not see each other's connections. Without the
 * Python SDK the tests are skipped; {@code .ci/run} installs it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PythonSdkFixture {

    static final String JSON_PROTOCOL = "json.webpubsub.azure.v1";

    TestServer server;
    String hub;
    /** The SDK client every test uses unless it names another: the test server's connection string. */
    PythonSdkDriver.ClientSettings sdkClient;
    private PythonSdkDriver driver;
    private final List<TestWebSocket> sockets = new ArrayList<>();

    @BeforeAll
    void startServer() {
        String unavailable = PythonSdkDriver.unavailableReason();
        Assumptions.assumeTrue(unavailable == null, () -> "Python SDK conformance tests skipped: " + unavailable
                + ". They need Debian's python3-azure under " + PythonSdkDriver.PYTHON
                + " (apt-get install python3-azure; .ci/run installs it).");
        server = TestServer.start();
        sdkClient = new PythonSdkDriver.ClientSettings(server.connectionString());
    }

    @AfterAll
    void stopServer() {
        if (driver != null) {
            driver.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void newHub() {
        hub = "py" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (driver == null || !driver.isAlive()) {
            // first test, or the previous one timed out and killed it
            driver = PythonSdkDriver.start();
        }
    }

    @AfterEach
    void closeSockets() {
        sockets.forEach(TestWebSocket::close);
        sockets.clear();
    }

    /**
     * Calls the SDK method {@code op} of this test's hub client with keyword arguments given as name, value pairs
     * ({@code "group", "g1", "reason", "bye"}) and returns what it returned; fails if it raised.
     */
    JsonNode sdk(String op, Object... kwargs) {
        PythonSdkDriver.Result result = call(op, kwargs);
        assertThat(result.ok()).as("%s", result).isTrue();
        return result.value();
    }

    /** {@link #sdk} for the SDK's boolean checks ({@code connection_exists}, {@code has_permission}, …). */
    boolean sdkCheck(String op, Object... kwargs) {
        JsonNode value = sdk(op, kwargs);
        assertThat(value.isBoolean()).as("%s returned %s", op, value).isTrue();
        return value.booleanValue();
    }

    /** Calls the SDK and returns the exception it raised; fails if it returned normally. */
    PythonSdkDriver.Result sdkError(String op, Object... kwargs) {
        PythonSdkDriver.Result result = call(op, kwargs);
        assertThat(result.ok()).as("%s", result).isFalse();
        return result;
    }

    PythonSdkDriver.Result call(String op, Object... kwargs) {
        return callWith(sdkClient, op, kwargs);
    }

    /** Calls the SDK through a client built another way (other key, endpoint or options); returns any outcome. */
    PythonSdkDriver.Result callWith(PythonSdkDriver.ClientSettings client, String op, Object... kwargs) {
        if (kwargs.length % 2 != 0) {
            throw new IllegalArgumentException("keyword arguments come in name, value pairs");
        }
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < kwargs.length; i += 2) {
            args.put((String) kwargs[i], kwargs[i + 1]);
        }
        return driver.call(client, hub, op, args);
    }

    /** A {@code message} passed with {@code content_type="text/plain"}. */
    static Map<String, Object> text(String s) {
        return Map.of("text", s);
    }

    /** A {@code message} passed with {@code content_type="application/json"}: the SDK JSON-encodes the value. */
    static Map<String, Object> json(Object value) {
        return Collections.singletonMap("json", value); // null allowed: Python's None
    }

    /** A {@code message} of bytes passed with {@code content_type="application/octet-stream"}. */
    static Map<String, Object> binary(byte[] bytes) {
        return Map.of("binary", Base64.getEncoder().encodeToString(bytes));
    }

    /** A {@code message} passed without {@code content_type}, leaving the SDK's default. */
    static Map<String, Object> noContentType(Object value) {
        return Map.of("default", value);
    }

    /** A JSON-subprotocol client with a token from {@code get_client_access_token}; returns after {@code connected}. */
    Client jsonClient(String userId, String... roles) {
        return connect(token("user_id", userId, "roles", List.of(roles)), JSON_PROTOCOL);
    }

    /** A simple (no subprotocol) client, which is not told its connection id. */
    Client simpleClient(String userId) {
        return connect(token("user_id", userId), null);
    }

    /** {@code get_client_access_token(**kwargs)}: {@code {"baseUrl", "token", "url"}}. */
    JsonNode token(Object... kwargs) {
        return sdk("get_client_access_token", kwargs);
    }

    Client connect(JsonNode token, String subprotocol) {
        URI url = URI.create(token.path("url").asText());
        TestWebSocket ws = subprotocol == null ? TestWebSocket.connect(url) : TestWebSocket.connect(url, subprotocol);
        sockets.add(ws);
        if (subprotocol == null) {
            return new Client(ws, null, null);
        }
        JsonNode connected = ws.nextJson();
        assertThat(connected.path("type").asText()).as("first frame %s", connected).isEqualTo("system");
        assertThat(connected.path("event").asText()).as("first frame %s", connected).isEqualTo("connected");
        return new Client(ws, connected.path("connectionId").asText(), connected);
    }

    /**
     * Sends a marker to everyone through the SDK, then asserts it is the next thing {@code clients} receive: proof
     * that nothing else reached them before it, without waiting on timeouts.
     */
    void assertNothingBeforeMarker(Client... clients) {
        String marker = "marker-" + UUID.randomUUID();
        sdk("send_to_all", "message", text(marker));
        for (Client c : clients) {
            if (c.id() == null) {
                assertThat(c.ws().nextText()).as("next frame of a simple client").isEqualTo(marker);
            } else {
                JsonNode next = c.next();
                assertThat(next.path("data").asText()).as("next message of %s: %s", c.id(), next).isEqualTo(marker);
            }
        }
    }

    /** A connected WebSocket, its connection id and {@code connected} message (both null for simple clients). */
    record Client(TestWebSocket ws, String id, JsonNode connected) {

        JsonNode next() {
            return ws.nextJson();
        }

        /** The {@code data} of the next message, which must be a {@code message} from the server. */
        JsonNode nextServerData() {
            JsonNode message = next();
            assertThat(message.path("type").asText()).as("%s", message).isEqualTo("message");
            assertThat(message.path("from").asText()).as("%s", message).isEqualTo("server");
            return message.path("data");
        }
    }
}
