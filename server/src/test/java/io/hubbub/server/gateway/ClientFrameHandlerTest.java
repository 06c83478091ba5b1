package io.hubbub.server.gateway;

import static io.hubbub.server.gateway.GatewayFixture.channel;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubbub.protocol.Payload;
import io.hubbub.server.hub.ClientConnection;
import io.hubbub.server.hub.ClientProtocol;
import io.hubbub.server.hub.ServerFrames;
import io.hubbub.server.hub.ServerFrames.Frame;
import io.hubbub.server.upstream.UserEventOutcome;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientFrameHandlerTest {

    private final GatewayFixture fixture = new GatewayFixture();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private static ByteBuf utf8(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    @Test
    void pingShouldBeAnsweredWithAPongCarryingTheSamePayload() {
        ClientConnection c = fixture.json("c1", "u1");

        channel(c).writeInbound(new PingWebSocketFrame(utf8("are you there")));

        List<Frame> frames = fixture.frames(c);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).opcode()).isEqualTo(ServerFrames.PONG);
        assertThat(frames.get(0).text()).isEqualTo("are you there");
    }

    @Test
    void everyInboundFrameShouldCountAsLife() {
        ClientConnection c = fixture.json("c1", "u1");
        for (WebSocketFrame frame : List.of(new PongWebSocketFrame(), new PingWebSocketFrame(),
                new TextWebSocketFrame("{\"type\":\"ping\"}"))) {
            long before = c.lastReadNanos();
            while (System.nanoTime() == before) {
                Thread.onSpinWait(); // make sure a touch is visible as a later time
            }

            channel(c).writeInbound(frame);

            assertThat(c.lastReadNanos()).as(frame.toString()).isGreaterThan(before);
        }
    }

    @Test
    void pongsShouldBeAbsorbed() {
        ClientConnection c = fixture.json("c1", "u1");
        PongWebSocketFrame pong = new PongWebSocketFrame(utf8("x"));

        channel(c).writeInbound(pong);

        assertThat(fixture.frames(c)).isEmpty();
        assertThat(pong.refCnt()).isZero();
        assertThat(channel(c).<Object>readInbound()).as("nothing passed on").isNull();
    }

    @Test
    void everyFrameShouldBeReleasedAfterHandling() {
        ClientConnection json = fixture.json("c1", "u1");
        TextWebSocketFrame request = new TextWebSocketFrame("{\"type\":\"ping\"}");
        BinaryWebSocketFrame ignored = new BinaryWebSocketFrame(utf8("x"));
        PingWebSocketFrame ping = new PingWebSocketFrame(utf8("p"));

        channel(json).writeInbound(request, ignored, ping);
        List<Frame> frames = fixture.frames(json);

        assertThat(frames).hasSize(2);
        assertThat(request.refCnt()).isZero();
        assertThat(ignored.refCnt()).isZero();
        assertThat(ping.refCnt()).isZero();
    }

    @Test
    void nonFrameMessagesShouldBeReleasedAndDropped() {
        ClientConnection c = fixture.json("c1", "u1");
        ByteBuf stray = utf8("stray");

        channel(c).writeInbound(stray);

        assertThat(stray.refCnt()).isZero();
        assertThat(channel(c).<Object>readInbound()).isNull();
        assertThat(fixture.frames(c)).isEmpty();
    }

    @Test
    void aClientCloseShouldBeEchoedAndEndTheConnectionOnce() {
        ClientConnection c = fixture.json("c1", "u1");
        fixture.hub.join(c, "g1");
        EmbeddedChannel channel = channel(c);

        channel.writeInbound(new CloseWebSocketFrame(1000, "bye"));
        fixture.loop.runTasks(); // the closed channel's inactive event

        List<Frame> frames = ServerFrames.drain(channel);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).closeCode()).isEqualTo(1000);
        assertThat(channel.isOpen()).isFalse();
        assertThat(fixture.hub.connectionExists("chat", "c1")).isFalse();
        assertThat(fixture.hub.groupExists("chat", "g1")).isFalse();
        assertThat(fixture.upstream.disconnected).containsExactly("c1: bye");
    }

    @Test
    void aClientCloseWithoutStatusShouldBeEchoedWith1000() {
        ClientConnection c = fixture.json("c1", "u1");

        channel(c).writeInbound(new CloseWebSocketFrame());
        fixture.loop.runTasks();

        assertThat(ServerFrames.drain(channel(c)).get(0).closeCode()).isEqualTo(1000);
        assertThat(fixture.upstream.disconnected).containsExactly("c1: Connection closed by client.");
    }

    @Test
    void aDroppedTransportShouldUnregisterAndReportDisconnectedOnce() {
        ClientConnection c = fixture.json("c1", "u1");

        channel(c).close();
        channel(c).close();
        fixture.loop.runTasks();

        assertThat(fixture.hub.connectionExists("chat", "c1")).isFalse();
        assertThat(fixture.hub.userExists("chat", "u1")).isFalse();
        assertThat(fixture.upstream.disconnected).containsExactly("c1: Connection lost.");
    }

    @Test
    void aReliableConnectionWhoseSocketDroppedShouldWaitForTheReconnectWindow() {
        ClientConnection c = fixture.open("c1", "u1", ClientProtocol.JSON_RELIABLE, List.of(), null);
        fixture.hub.join(c, "g1");

        channel(c).close();
        fixture.loop.runTasks();

        assertThat(fixture.hub.connectionExists("chat", "c1")).as("kept for recovery").isTrue();
        assertThat(fixture.hub.groupExists("chat", "g1")).isTrue();
        assertThat(fixture.upstream.disconnected).isEmpty();

        fixture.loop.advance(GatewayFixture.RECONNECT_WINDOW_SECONDS, TimeUnit.SECONDS);

        assertThat(fixture.hub.connectionExists("chat", "c1")).isFalse();
        assertThat(fixture.hub.groupExists("chat", "g1")).isFalse();
        assertThat(fixture.upstream.disconnected).hasSize(1);
    }

    @Test
    void aReliableConnectionClosedByTheClientShouldEndAtOnce() {
        ClientConnection c = fixture.open("c1", "u1", ClientProtocol.JSON_RELIABLE, List.of(), null);

        channel(c).writeInbound(new CloseWebSocketFrame(1000, "bye"));
        fixture.loop.runTasks();

        assertThat(fixture.hub.connectionExists("chat", "c1")).isFalse();
        assertThat(fixture.upstream.disconnected).containsExactly("c1: bye");
    }

    @Test
    void aServerCloseShouldReportItsReasonWhenTheChannelGoes() {
        ClientConnection c = fixture.json("c1", "u1");

        c.close(1000, "Closed by REST API.");
        channel(c).writeInbound(new CloseWebSocketFrame(1000, ""));
        fixture.loop.runTasks();

        assertThat(channel(c).isOpen()).isFalse();
        assertThat(fixture.upstream.disconnected).containsExactly("c1: Closed by REST API.");
    }

    @Test
    void aConnectionThatNeverOpenedShouldNotReportDisconnected() {
        ClientConnection c = fixture.attach("c1", "u1", ClientProtocol.JSON, List.of(), null);

        channel(c).writeInbound(new TextWebSocketFrame("{\"type\":\"ping\"}"));
        channel(c).close();
        fixture.loop.runTasks();

        assertThat(ServerFrames.drain(channel(c))).as("data before open is not handled").isEmpty();
        assertThat(fixture.upstream.disconnected).isEmpty();
    }

    @Test
    void dataFramesOfAClosingConnectionShouldBeIgnored() {
        ClientConnection c = fixture.json("c1", "u1");
        c.close(1000, "bye");
        ServerFrames.drain(channel(c));

        channel(c).writeInbound(new TextWebSocketFrame("{\"type\":\"ping\"}"));

        assertThat(fixture.frames(c)).isEmpty();
    }

    @Test
    void simpleClientFramesWithoutAMessageHandlerShouldCloseWith1000AndNoReason() {
        ClientConnection c = fixture.open("c1", "u1", ClientProtocol.SIMPLE, List.of(), null);

        channel(c).writeInbound(new TextWebSocketFrame("hello"));

        List<Frame> frames = fixture.frames(c);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).closeCode()).isEqualTo(1000);
        assertThat(frames.get(0).closeReason()).isEmpty();
    }

    @Test
    void simpleClientFramesShouldBecomeMessageEventsWhenAHandlerTakesThem() {
        ClientConnection c = fixture.open("c1", "u1", ClientProtocol.SIMPLE, List.of(), null);
        fixture.upstream.handledEvents.add("message");

        channel(c).writeInbound(new TextWebSocketFrame("hello"),
                new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2})));

        assertThat(fixture.frames(c)).isEmpty();
        assertThat(c.isClosing()).isFalse();
        assertThat(fixture.upstream.userEvents).containsExactly("c1: message", "c1: message");
        assertThat(fixture.upstream.userEventPayloads).containsExactly(Payload.text("hello"),
                Payload.binary(new byte[] {1, 2}));
    }

    @Test
    void aMessageEventReplyShouldReachASimpleClientAsARawFrame() {
        ClientConnection c = fixture.open("c1", "u1", ClientProtocol.SIMPLE, List.of(), null);
        fixture.upstream.handledEvents.add("message");
        fixture.upstream.nextOutcome = CompletableFuture.completedFuture(
                new UserEventOutcome.Handled(Payload.text("echo")));

        channel(c).writeInbound(new TextWebSocketFrame("hello"));

        List<Frame> frames = fixture.frames(c);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).opcode()).isEqualTo(ServerFrames.TEXT);
        assertThat(frames.get(0).text()).isEqualTo("echo");
    }

    @Test
    void aFailedMessageEventShouldCloseASimpleClientWith1011() {
        ClientConnection c = fixture.open("c1", "u1", ClientProtocol.SIMPLE, List.of(), null);
        fixture.upstream.handledEvents.add("message");
        fixture.upstream.nextOutcome = CompletableFuture.completedFuture(new UserEventOutcome.Failed("HTTP 502"));

        channel(c).writeInbound(new TextWebSocketFrame("hello"));

        List<Frame> frames = fixture.frames(c);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).closeCode()).isEqualTo(1011);
    }

    @Test
    void simpleClientsInSendToGroupModeShouldPublishKeepingTheFrameType() {
        ClientConnection publisher = fixture.open("c1", "u1", ClientProtocol.SIMPLE,
                List.of("webpubsub.sendToGroup.g1"), "g1");
        ClientConnection simpleReceiver = fixture.open("c2", null, ClientProtocol.SIMPLE, List.of(), null);
        ClientConnection jsonReceiver = fixture.json("c3", "u3");
        fixture.hub.join(simpleReceiver, "g1");
        fixture.hub.join(jsonReceiver, "g1");

        channel(publisher).writeInbound(new TextWebSocketFrame("hello"),
                new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));

        List<Frame> simple = fixture.frames(simpleReceiver);
        assertThat(simple).hasSize(2);
        assertThat(simple.get(0).opcode()).isEqualTo(ServerFrames.TEXT);
        assertThat(simple.get(0).text()).isEqualTo("hello");
        assertThat(simple.get(1).opcode()).isEqualTo(ServerFrames.BINARY);
        assertThat(simple.get(1).payload()).containsExactly(1, 2, 3);
        assertThat(fixture.texts(jsonReceiver)).containsExactly(
                "{\"type\":\"message\",\"from\":\"group\",\"group\":\"g1\",\"fromUserId\":\"u1\","
                        + "\"dataType\":\"text\",\"data\":\"hello\"}",
                "{\"type\":\"message\",\"from\":\"group\",\"group\":\"g1\",\"fromUserId\":\"u1\","
                        + "\"dataType\":\"binary\",\"data\":\"AQID\"}");
        assertThat(fixture.frames(publisher)).as("not a member: no echo").isEmpty();
    }

    @Test
    void simpleClientsWithoutSendPermissionShouldHaveTheirFramesDropped() {
        ClientConnection publisher = fixture.open("c1", "u1", ClientProtocol.SIMPLE, List.of(), "g1");
        ClientConnection receiver = fixture.json("c2", "u2");
        fixture.hub.join(receiver, "g1");

        channel(publisher).writeInbound(new TextWebSocketFrame("hello"));

        assertThat(fixture.frames(receiver)).isEmpty();
        assertThat(publisher.isClosing()).isFalse();
    }
}
