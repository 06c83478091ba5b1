package io.hubbub.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubbub.server.hub.ClientConnection;
import io.hubbub.server.hub.ClientProtocol;
import io.hubbub.server.hub.ServerFrames;
import io.hubbub.server.hub.SharedLoop;
import io.hubbub.server.hub.TestConnections;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ping schedule. The three-missed-pings close is not covered here: it compares {@link System#nanoTime()} with
 * the connection's last read, which no event loop clock can move.
 */
class KeepAliveHandlerTest {

    private final SharedLoop loop = new SharedLoop();

    @AfterEach
    void tearDown() {
        loop.close();
    }

    private ClientConnection connection(EmbeddedChannel channel) {
        return TestConnections.connection("c1", "chat", null, ClientProtocol.JSON, channel);
    }

    @Test
    void shouldPingAtEveryIntervalWhateverElseIsFlowing() {
        EmbeddedChannel channel = loop.newChannel();
        ClientConnection c = connection(channel);
        channel.pipeline().addLast(new KeepAliveHandler(c, 20));

        loop.advance(19, TimeUnit.SECONDS);
        assertThat(ServerFrames.drain(channel)).isEmpty();
        loop.advance(1, TimeUnit.SECONDS);
        assertThat(ServerFrames.drain(channel)).extracting(ServerFrames.Frame::opcode).containsExactly(ServerFrames.PING);
        loop.advance(20, TimeUnit.SECONDS);
        assertThat(ServerFrames.drain(channel)).extracting(ServerFrames.Frame::opcode).containsExactly(ServerFrames.PING);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void everyInboundMessageShouldCountAsLifeAndPassOn() {
        EmbeddedChannel channel = loop.newChannel();
        ClientConnection c = connection(channel);
        channel.pipeline().addLast(new KeepAliveHandler(c, 20));
        long before = c.lastReadNanos();
        while (System.nanoTime() == before) {
            Thread.onSpinWait(); // make sure a touch is visible as a later time
        }

        channel.writeInbound(new TextWebSocketFrame("x"));

        assertThat(c.lastReadNanos()).isGreaterThan(before);
        Object passed = channel.readInbound();
        assertThat(passed).isInstanceOf(TextWebSocketFrame.class);
        ReferenceCountUtil.release(passed);
    }

    @Test
    void shouldStopPingingWhenRemovedOrInactive() {
        EmbeddedChannel removed = loop.newChannel();
        KeepAliveHandler handler = new KeepAliveHandler(connection(removed), 1);
        removed.pipeline().addLast(handler);
        EmbeddedChannel closed = loop.newChannel();
        closed.pipeline().addLast(new KeepAliveHandler(connection(closed), 1));

        removed.pipeline().remove(handler);
        closed.close();
        loop.advance(5, TimeUnit.SECONDS);

        assertThat(ServerFrames.drain(removed)).isEmpty();
        assertThat(closed.outboundMessages()).isEmpty();
    }
}
