package io.hubbub.conformance.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.TestWebSocket;
import io.hubbub.testkit.TestWebSocket.CloseStatus;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A node shutting down (PROTOCOL.md §5.4, §5.8) tells each PubSub client {@code disconnected}, with a message,
 * before the close frame; simple clients just get the close frame. It has its own node, since it stops it.
 */
class ShutdownIT {

    @Test
    void shutdownSendsDisconnectedBeforeClosing() {
        TestServer server = TestServer.start();
        boolean closed = false;
        try (TestWebSocket json = TestWebSocket.connect(server.clientUrl("chat", "u1"), WireFixture.JSON_PROTOCOL);
                TestWebSocket simple = TestWebSocket.connect(server.clientUrl("chat", "u2"));
                TestWebSocket anonymous = TestWebSocket.connect(
                        URI.create("ws://127.0.0.1:" + server.port() + "/client/hubs/anon"),
                        WireFixture.JSON_PROTOCOL)) {
            assertThat(json.nextJson().path("event").asText()).isEqualTo("connected");
            assertThat(anonymous.nextJson().path("event").asText()).isEqualTo("connected");

            server.close();
            closed = true;

            for (TestWebSocket pubSub : List.of(json, anonymous)) {
                JsonNode disconnected = pubSub.nextJson();
                assertThat(disconnected.path("type").asText()).as("%s", disconnected).isEqualTo("system");
                assertThat(disconnected.path("event").asText()).as("%s", disconnected).isEqualTo("disconnected");
                assertThat(disconnected.path("message").asText()).as("%s", disconnected).isNotBlank();
                CloseStatus status = pubSub.awaitClose();
                assertThat(status.code()).as("close after disconnected").isIn(1001, 1012);
            }
            CloseStatus simpleStatus = simple.awaitClose();
            assertThat(simpleStatus.code()).isIn(1001, 1012);
            assertNoDataFrameLeft(simple);
        } finally {
            if (!closed) {
                server.close();
            }
        }
    }

    /** A simple client gets no system message: the close was the only thing left to read. */
    private static void assertNoDataFrameLeft(TestWebSocket simple) {
        try {
            simple.next();
            throw new IllegalStateException("a simple client got a data frame at shutdown");
        } catch (AssertionError expected) {
            assertThat(expected).hasMessageContaining("closed");
        }
    }
}
