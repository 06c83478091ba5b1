package io.hubbub.server.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubbub.protocol.Payload;
import io.hubbub.server.hub.ServerFrames.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientConnectionTest {

    private final SharedLoop loop = new SharedLoop();

    @AfterEach
    void tearDown() {
        loop.close();
    }

    private ClientConnection connection(ClientProtocol protocol, EmbeddedChannel channel) {
        return TestConnections.connection("conn-1", "chat", "u1", protocol, channel);
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void truncateShouldKeepReasonsOfAtMost123Bytes() {
        assertThat(ClientConnection.truncate(null)).isEmpty();
        assertThat(ClientConnection.truncate("")).isEmpty();
        assertThat(ClientConnection.truncate("a".repeat(123))).isEqualTo("a".repeat(123));
        assertThat(ClientConnection.truncate("€".repeat(41))).as("exactly 123 bytes").isEqualTo("€".repeat(41));
    }

    @Test
    void truncateShouldCutAsciiAt123Bytes() {
        assertThat(ClientConnection.truncate("a".repeat(124))).isEqualTo("a".repeat(123));
        assertThat(ClientConnection.truncate("a".repeat(1000))).isEqualTo("a".repeat(123));
    }

    @ParameterizedTest(name = "{0} ASCII bytes before the multi-byte characters")
    @ValueSource(ints = {119, 120, 121, 122, 123})
    void truncateShouldNeverSplitAUtf8Sequence(int asciiPrefix) {
        for (String multiByte : List.of("é", "€", "😀")) { // 2, 3 and 4 bytes
            String reason = "a".repeat(asciiPrefix) + multiByte.repeat(3);

            String truncated = ClientConnection.truncate(reason);

            assertThat(utf8Length(truncated)).as("%s", multiByte).isLessThanOrEqualTo(123);
            assertThat(reason).startsWith(truncated);
            assertThat(truncated).doesNotContain("\uFFFD");
            // maximal: one more code point would not fit
            int next = reason.offsetByCodePoints(truncated.length(), 1);
            assertThat(utf8Length(reason.substring(0, next))).as("%s", multiByte).isGreaterThan(123);
        }
    }

    @Test
    void sendOwnShouldWriteAndFlushOneTextFrame() {
        EmbeddedChannel channel = loop.newChannel();
        ClientConnection c = connection(ClientProtocol.JSON, channel);

        c.sendOwn("{\"type\":\"pong\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(ServerFrames.texts(channel)).containsExactly("{\"type\":\"pong\"}");
    }

    @Test
    void closeShouldSendDisconnectedWithTheFullReasonThenACloseFrameWithTheTruncatedOne() {
        EmbeddedChannel channel = loop.newChannel();
        ClientConnection c = connection(ClientProtocol.JSON, channel);
        String reason = "x".repeat(200);

        c.close(1000, reason);

        List<Frame> frames = ServerFrames.drain(channel);
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).text())
                .isEqualTo("{\"type\":\"system\",\"event\":\"disconnected\",\"message\":\"" + reason + "\"}");
        assertThat(frames.get(1).closeCode()).isEqualTo(1000);
        assertThat(frames.get(1).closeReason()).isEqualTo("x".repeat(123));
        assertThat(c.isClosing()).isTrue();
        assertThat(c.closeReason()).isEqualTo(reason);
        assertThat(channel.isActive()).as("waits for the client's close").isTrue();
    }

    @Test
    void closeShouldDropTheTcpConnectionAfterOneSecondWithoutAnswer() {
        EmbeddedChannel channel = loop.newChannel();
        connection(ClientProtocol.JSON, channel).close(1000, "bye");

        loop.advance(999, TimeUnit.MILLISECONDS);
        assertThat(channel.isOpen()).isTrue();
        loop.advance(1, TimeUnit.MILLISECONDS);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void closeShouldSendOnlyACloseFrameToSimpleClients() {
        EmbeddedChannel channel = loop.newChannel();

        connection(ClientProtocol.SIMPLE, channel).close(1000, "");

        List<Frame> frames = ServerFrames.drain(channel);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).closeCode()).isEqualTo(1000);
        assertThat(frames.get(0).closeReason()).isEmpty();
    }

    @Test
    void closeShouldBeIdempotentAndSilenceLaterWrites() {
        EmbeddedChannel channel = loop.newChannel();
        ClientConnection c = connection(ClientProtocol.JSON, channel);
        OutboundMessage late = OutboundMessage.fromServer(Payload.text("late"), UnpooledByteBufAllocator.DEFAULT);
        ByteBuf shared = late.frameFor(ClientProtocol.JSON);

        c.close(1008, "first");
        c.close(1000, "second");
        c.sendOwn("{}".getBytes(StandardCharsets.UTF_8));
        boolean written = c.deliver(late);

        assertThat(written).isFalse();
        assertThat(shared.refCnt()).as("nothing retained for a closing connection").isEqualTo(1);
        List<Frame> frames = ServerFrames.drain(channel);
        assertThat(frames).hasSize(2);
        assertThat(frames.get(1).closeCode()).isEqualTo(1008);
        assertThat(c.closeReason()).isEqualTo("first");
        shared.release();
    }

    @Test
    void recoveryOntoANewSocketShouldCountAsHearingFromThePeer() throws InterruptedException {
        ClientConnection c = connection(ClientProtocol.JSON_RELIABLE, loop.newChannel());
        long before = c.lastReadNanos();
        Thread.sleep(5);

        c.attach(loop.newChannel(), "{\"type\":\"system\",\"event\":\"connected\"}".getBytes(
                java.nio.charset.StandardCharsets.UTF_8));

        assertThat(c.lastReadNanos()).as("a long detach must not read as a ping timeout").isGreaterThan(before);
    }

    @Test
    void closeOfAReliableConnectionShouldAlwaysUse1008() {
        EmbeddedChannel channel = loop.newChannel();

        connection(ClientProtocol.JSON_RELIABLE, channel).close(1000, "Closed by REST API.");

        List<Frame> frames = ServerFrames.drain(channel);
        assertThat(frames.get(0).text()).contains("\"message\":\"Closed by REST API.\"");
        assertThat(frames.get(1).closeCode()).as("no recovery attempt that must fail").isEqualTo(1008);
    }

    @Test
    void closedByClientShouldEchoTheCodeAndCloseTheChannel() {
        EmbeddedChannel channel = loop.newChannel();
        ClientConnection c = connection(ClientProtocol.JSON, channel);

        c.closedByClient(1001, "going away");

        List<Frame> frames = ServerFrames.drain(channel);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).closeCode()).isEqualTo(1001);
        assertThat(channel.isOpen()).isFalse();
        assertThat(c.closeReason()).isEqualTo("going away");
    }

    @Test
    void closedByClientWithoutStatusShouldEcho1000AndUseTheDefaultReason() {
        EmbeddedChannel channel = loop.newChannel();
        ClientConnection c = connection(ClientProtocol.JSON, channel);

        c.closedByClient(-1, null);

        assertThat(ServerFrames.drain(channel).get(0).closeCode()).isEqualTo(1000);
        assertThat(c.closeReason()).isEqualTo("Connection closed by client.");
    }

    @Test
    void theClientsCloseAnswerShouldEndAServerInitiatedClose() {
        EmbeddedChannel channel = loop.newChannel();
        ClientConnection c = connection(ClientProtocol.JSON, channel);
        c.close(1000, "Closed by REST API.");
        ServerFrames.drain(channel);

        c.closedByClient(1000, "");

        assertThat(ServerFrames.drain(channel)).as("no second close frame").isEmpty();
        assertThat(channel.isOpen()).isFalse();
        assertThat(c.closeReason()).isEqualTo("Closed by REST API.");
    }

    @Test
    void lostShouldKeepTheFirstReason() {
        ClientConnection c = connection(ClientProtocol.JSON, loop.newChannel());

        c.lost("Ping timeout.");
        c.lost("Connection lost.");

        assertThat(c.isClosing()).isTrue();
        assertThat(c.closeReason()).isEqualTo("Ping timeout.");
    }

    @Test
    void ackIdsShouldBeRememberedUntilForgotten() {
        ClientConnection c = connection(ClientProtocol.JSON, loop.newChannel());

        c.forgetAckId(1); // before any use: no effect
        assertThat(c.firstUseOfAckId(1)).isTrue();
        assertThat(c.firstUseOfAckId(1)).isFalse();
        c.forgetAckId(1);
        assertThat(c.firstUseOfAckId(1)).isTrue();
    }
}
