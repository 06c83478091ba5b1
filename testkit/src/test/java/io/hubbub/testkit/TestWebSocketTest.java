package io.hubbub.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.testkit.TestWebSocket.CloseStatus;
import io.hubbub.testkit.TestWebSocket.Frame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TestWebSocketTest {

    private static EchoWebSocketServer server;

    @BeforeAll
    static void startServer() throws InterruptedException {
        server = new EchoWebSocketServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static TestWebSocket connect(String... subprotocols) {
        return TestWebSocket.connect(server.uri("/ws"), subprotocols);
    }

    @Test
    void shouldEchoText() {
        try (TestWebSocket ws = connect()) {
            ws.sendText("hello");
            assertThat(ws.next()).isEqualTo(new Frame(true, "hello", null));
        }
    }

    @Test
    void shouldEchoBinary() {
        try (TestWebSocket ws = connect()) {
            ws.sendBinary(new byte[] {1, 2, 3, (byte) 0xff});
            Frame frame = ws.next();
            assertThat(frame.text()).isFalse();
            assertThat(frame.binaryData()).containsExactly(1, 2, 3, 0xff);
        }
    }

    @Test
    void shouldRoundTripJson() {
        try (TestWebSocket ws = connect()) {
            ws.sendJson(Map.of("type", "joinGroup", "group", "g1", "ackId", 7));
            JsonNode json = ws.nextJson();
            assertThat(json.get("type").asText()).isEqualTo("joinGroup");
            assertThat(json.get("ackId").asInt()).isEqualTo(7);
        }
    }

    @Test
    void shouldReassembleFragmentedTextMessage() {
        try (TestWebSocket ws = connect()) {
            ws.sendText("fragments:he|llo| wor|ld");
            assertThat(ws.nextText()).isEqualTo("hello world");
            ws.expectNoFrame(Duration.ofMillis(100));
        }
    }

    @Test
    void shouldReassembleFragmentedBinaryMessage() {
        try (TestWebSocket ws = connect()) {
            ws.sendText("binary-fragments:3");
            assertThat(ws.next().binaryData()).containsExactly(0, 0, 1, 1, 2, 2);
        }
    }

    @Test
    void shouldReassembleLargeMessageTheJdkDeliversInParts() {
        try (TestWebSocket ws = connect()) {
            ws.sendText("big:300000");
            assertThat(ws.nextText()).hasSize(300_000).matches("x+");
        }
    }

    @Test
    void shouldExposeSubprotocolSelectedByServer() {
        try (TestWebSocket ws = connect("mqtt", "protobuf.webpubsub.azure.v1", "json.webpubsub.azure.v1")) {
            assertThat(ws.subprotocol()).isEqualTo("protobuf.webpubsub.azure.v1");
        }
        try (TestWebSocket ws = connect("json.webpubsub.azure.v1")) {
            assertThat(ws.subprotocol()).isEqualTo("json.webpubsub.azure.v1");
        }
    }

    @Test
    void shouldGiveEmptySubprotocolWhenNoneRequested() {
        try (TestWebSocket ws = connect()) {
            assertThat(ws.subprotocol()).isEmpty();
        }
    }

    @Test
    void shouldSendHandshakeHeaders() {
        try (TestWebSocket ws = TestWebSocket.connect(server.uri("/ws"), Map.of("Authorization", "Bearer abc"))) {
            ws.sendText("header:Authorization");
            assertThat(ws.nextText()).isEqualTo("Bearer abc");
        }
    }

    @Test
    void shouldSeeServerCloseCodeAndReason() {
        try (TestWebSocket ws = connect()) {
            ws.sendText("close:4001:bye now");
            assertThat(ws.awaitClose()).isEqualTo(new CloseStatus(4001, "bye now"));
            assertThat(ws.isClosed()).isTrue();
        }
    }

    @Test
    void shouldKeepFramesReadableAfterServerClose() {
        try (TestWebSocket ws = connect()) {
            ws.sendText("burst:3");
            ws.sendText("close:1000:done");
            ws.awaitClose();
            assertThat(ws.nextJson().get("seq").asInt()).isEqualTo(0);
            assertThat(ws.nextJson().get("seq").asInt()).isEqualTo(1);
            assertThat(ws.nextJson().get("seq").asInt()).isEqualTo(2);
            assertThatThrownBy(ws::next).isInstanceOf(AssertionError.class).hasMessageContaining("closed");
            assertThatThrownBy(ws::next).isInstanceOf(AssertionError.class).hasMessageContaining("closed");
        }
    }

    @Test
    void shouldFailSendAfterAbort() {
        TestWebSocket ws = connect();
        ws.abort();
        assertThatThrownBy(() -> ws.sendText("late")).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void shouldReportDroppedConnectionAsAbnormalClosure() {
        try (TestWebSocket ws = connect()) {
            ws.sendText("drop");
            assertThat(ws.awaitClose().code()).isEqualTo(1006);
            assertThat(ws.isClosed()).isTrue();
        }
    }

    @Test
    void shouldSurfaceRejectedHandshakeStatusAndBody() {
        assertThatThrownBy(() -> TestWebSocket.connect(server.uri("/denied"), "json.webpubsub.azure.v1"))
                .isInstanceOfSatisfying(WebSocketHandshakeFailure.class, failure -> {
                    assertThat(failure.statusCode()).isEqualTo(401);
                    assertThat(failure.body()).isEqualTo(EchoWebSocketServer.DENIED_BODY);
                    assertThat(failure).hasMessageContaining("401");
                });
    }

    @Test
    void shouldReportUnknownStatusWhenNothingListens() throws IOException {
        URI nowhere;
        try (ServerSocket socket = new ServerSocket(0)) {
            nowhere = URI.create("ws://127.0.0.1:" + socket.getLocalPort() + "/ws");
        }
        assertThatThrownBy(() -> TestWebSocket.connect(nowhere))
                .isInstanceOfSatisfying(WebSocketHandshakeFailure.class,
                        failure -> assertThat(failure.statusCode()).isEqualTo(-1));
    }

    @Test
    void shouldPassExpectNoFrameWhenQuiet() {
        try (TestWebSocket ws = connect()) {
            ws.expectNoFrame(Duration.ofMillis(200));
        }
    }

    @Test
    void shouldFailExpectNoFrameWhenFrameArrives() {
        try (TestWebSocket ws = connect()) {
            ws.sendText("surprise");
            assertThatThrownBy(() -> ws.expectNoFrame(Duration.ofSeconds(2)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("surprise");
        }
    }

    @Test
    void shouldFailNextOnTimeout() {
        try (TestWebSocket ws = connect()) {
            assertThatThrownBy(() -> ws.next(Duration.ofMillis(100)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("no frame");
        }
    }

    @Test
    void shouldFailNextTextOnBinaryFrame() {
        try (TestWebSocket ws = connect()) {
            ws.sendBinary(new byte[] {9});
            assertThatThrownBy(ws::nextText).isInstanceOf(AssertionError.class).hasMessageContaining("binary");
        }
    }

    @Test
    void shouldSkipNonMatchingJsonFrames() {
        try (TestWebSocket ws = connect()) {
            ws.sendBinary(new byte[] {1});
            ws.sendText("not json");
            ws.sendText("burst:5");
            assertThat(ws.nextJsonMatching(json -> json.path("seq").asInt() == 3).get("seq").asInt()).isEqualTo(3);
            assertThat(ws.nextJson().get("seq").asInt()).isEqualTo(4);
        }
    }

    @Test
    void shouldFailNextJsonMatchingOnceClosedWithoutMatch() {
        try (TestWebSocket ws = connect()) {
            ws.sendText("burst:2");
            ws.sendText("close:1000:done");
            assertThatThrownBy(() -> ws.nextJsonMatching(json -> json.has("never")))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("closed")
                    .hasMessageContaining("seq");
        }
    }

    @Test
    void shouldNotSurfacePingAsDataFrame() {
        try (TestWebSocket ws = connect()) {
            ws.sendText("ping");
            assertThat(ws.nextText()).isEqualTo("pinged");
        }
    }

    @Test
    void shouldCloseNormallyQuicklyAndIdempotently() {
        TestWebSocket ws = connect();
        long start = System.nanoTime();
        ws.close();
        ws.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(ws.isClosed()).isTrue();
        assertThat(ws.awaitClose(Duration.ZERO).code()).isEqualTo(1000);
    }

    @Test
    void shouldAbortWithoutCloseHandshake() {
        TestWebSocket ws = connect();
        ws.abort();
        assertThat(ws.isClosed()).isTrue();
        assertThat(ws.awaitClose(Duration.ZERO).code()).isEqualTo(1006);
        ws.close();
    }

    @Test
    void shouldNotAffectOtherSocketsWhenOneCloses() {
        TestWebSocket first = connect();
        try (TestWebSocket second = connect()) {
            first.close();
            second.sendText("still here");
            assertThat(second.nextText()).isEqualTo("still here");
        }
    }
}
