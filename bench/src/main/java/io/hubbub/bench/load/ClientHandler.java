package io.hubbub.bench.load;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import java.nio.charset.StandardCharsets;

/**
 * One generator WebSocket: waits for the service's {@code connected} message, then reads the send time out of every
 * data message and records the delivery. A close the generator did not ask for counts as an error.
 */
final class ClientHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {

    /** Told exactly once per connection whether its handshake and {@code connected} message arrived. */
    interface Outcome {
        void settled(boolean connected);
    }

    private final Meter meter;
    private final Outcome outcome;
    // Event loop only.
    private boolean connected;
    private boolean settled;
    volatile boolean closingOnPurpose;

    ClientHandler(Meter meter, Outcome outcome) {
        this.meter = meter;
        this.outcome = outcome;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
        if (!connected) {
            String text = frame.content().toString(StandardCharsets.UTF_8);
            if (text.contains("\"event\":\"connected\"")) {
                connected = true;
                settle(true);
            }
            return;
        }
        long sentNanos = LatencyPayload.sentNanos(frame.content());
        if (sentNanos > 0) {
            meter.delivered(sentNanos);
        } else if (frame.content().toString(StandardCharsets.UTF_8).contains("\"success\":false")) {
            meter.error("the service answered " + frame.content().toString(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            meter.error("WebSocket handshake timed out");
            ctx.close();
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!settled) {
            meter.error("connection closed before the connected message");
            settle(false);
        } else if (!closingOnPurpose) {
            meter.error("the service closed a connection during the run");
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (settled && !closingOnPurpose) { // before that, channelInactive counts the failure
            meter.error("client connection failed: " + cause);
        } else if (!settled) {
            System.err.println("connect failed: " + cause);
        }
        ctx.close();
    }

    private void settle(boolean ok) {
        if (!settled) {
            settled = true;
            outcome.settled(ok);
        }
    }
}
