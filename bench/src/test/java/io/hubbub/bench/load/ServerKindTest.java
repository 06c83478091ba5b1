package io.hubbub.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubbub.testkit.ClientTokens;
import io.netty.buffer.Unpooled;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerKindTest {

    private static final URI ENDPOINT = URI.create("http://127.0.0.1:9000");
    private final ClientTokens tokens = new ClientTokens("k".repeat(32), ENDPOINT.toString());

    @Test
    void shouldConnectToHubbubWithATokenAndTheJsonSubprotocol() {
        URI uri = ServerKind.HUBBUB.clientUri(ENDPOINT, "bench", tokens, 7, Scenario.BIG_GROUP);

        assertThat(uri.toString()).startsWith("ws://127.0.0.1:9000/client/hubs/bench?access_token=ey");
        assertThat(ServerKind.HUBBUB.subprotocol()).isEqualTo("json.webpubsub.azure.v1");
    }

    @Test
    void shouldConnectToPeersWithUserAndGroupInTheQuery() {
        assertThat(ServerKind.WS.clientUri(ENDPOINT, "bench", tokens, 7, Scenario.BIG_GROUP))
                .hasToString("ws://127.0.0.1:9000/ws?user=user-7&group=big-7");
        assertThat(ServerKind.NETTY_FLOOR.clientUri(ENDPOINT, "bench", tokens, 7, Scenario.BROADCAST))
                .hasToString("ws://127.0.0.1:9000/ws?user=user-7");
        assertThat(ServerKind.SOCKET_IO.clientUri(ENDPOINT, "bench", tokens, 12, Scenario.SMALL_GROUPS))
                .hasToString("ws://127.0.0.1:9000/socket.io/?EIO=4&transport=websocket&user=user-12&group=small-1");
        assertThat(ServerKind.WS.subprotocol()).isNull();
    }

    @Test
    void shouldSendThroughEachKindsRestPaths() {
        assertThat(ServerKind.HUBBUB.broadcastPath("bench")).isEqualTo("/api/hubs/bench/:send");
        assertThat(ServerKind.HUBBUB.groupPath("bench", "big-1")).isEqualTo("/api/hubs/bench/groups/big-1/:send");
        assertThat(ServerKind.HUBBUB.userPath("bench", "user-1")).isEqualTo("/api/hubs/bench/users/user-1/:send");
        assertThat(ServerKind.WS.broadcastPath("bench")).isEqualTo("/send");
        assertThat(ServerKind.SOCKET_IO.groupPath("bench", "big-1")).isEqualTo("/groups/big-1/send");
        assertThat(ServerKind.NETTY_FLOOR.userPath("bench", "user-1")).isEqualTo("/users/user-1/send");
        assertThat(ServerKind.HUBBUB.restNeedsToken()).isTrue();
        assertThat(ServerKind.WS.restNeedsToken()).isFalse();
    }

    @Test
    void shouldPublishToAGroupInEachKindsFrameFormatWithAReadableTimestamp() {
        String json = new String(ServerKind.WS.groupFrame("small-1", 42L, 64), StandardCharsets.US_ASCII);
        String sio = new String(ServerKind.SOCKET_IO.groupFrame("small-1", 42L, 64), StandardCharsets.US_ASCII);

        assertThat(json).startsWith("{\"type\":\"sendToGroup\",\"group\":\"small-1\",").endsWith("x\"}");
        assertThat(sio).startsWith("42[\"sendToGroup\",{\"group\":\"small-1\",\"data\":\"42 x").endsWith("x\"}]");
        // What the receivers get back carries the same "data":"<nanos> ..." member the latency reader looks for.
        assertThat(LatencyPayload.sentNanos(Unpooled.wrappedBuffer(
                "42[\"message\",{\"from\":\"group\",\"group\":\"small-1\",\"data\":\"42 xx\"}]".getBytes(
                        StandardCharsets.US_ASCII)))).isEqualTo(42L);
    }

    @Test
    void shouldRunTheWebhookEchoOnHubbubOnly() {
        assertThat(ServerKind.HUBBUB.supports(Scenario.WEBHOOK_ECHO)).isTrue();
        assertThat(ServerKind.WS.supports(Scenario.WEBHOOK_ECHO)).isFalse();
        assertThat(ServerKind.SOCKET_IO.supports(Scenario.BROADCAST)).isTrue();
    }

    @Test
    void shouldStartEachKindWithItsOwnCommand() {
        Path jar = Path.of("hubbub.jar");
        Path peers = Path.of("peers");
        assertThat(ServerKind.HUBBUB.command(jar, peers, List.of("-Xmx1g"), 2, "key", null))
                .containsSequence("-Xmx1g", "-jar", "hubbub.jar", "serve").containsSequence("--io-threads", "2");
        assertThat(ServerKind.WS.command(jar, peers, List.of("-Xmx1g"), 2, "key", null))
                .containsExactly("node", Path.of("peers", "ws-server.mjs").toString(), "--host", "127.0.0.1",
                        "--port", "0");
        assertThat(ServerKind.NETTY_FLOOR.command(jar, peers, List.of(), 0, "key", null))
                .contains("io.hubbub.bench.floor.FloorServer").doesNotContain("--io-threads");
    }

    @Test
    void shouldNameKindsLikeTheCommandLine() {
        assertThat(ServerKind.fromCliName("Socket.IO")).isEqualTo(ServerKind.SOCKET_IO);
        assertThatThrownBy(() -> ServerKind.fromCliName("uws")).hasMessageContaining("known: hubbub, ws");
    }
}
