package io.hubbub.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import java.nio.charset.StandardCharsets;

/**
 * One generator WebSocket: waits for the server's {@code connected} message, then reads the send time out of every
 * data message and records the delivery. A close the generator did not ask for counts as an error. Over Engine.IO
 * (Socket.IO) it also answers the open packet with a namespace connect and pings with pongs; the namespace's
 * {@code 40} acknowledgement is its "connected".
 */
final class ClientHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {

    /** Told exactly once per connection whether its handshake and {@code connected} message arrived. */
    interface Outcome {
        void settled(boolean connected);
    }

    private static final ByteBuf ENGINE_IO_PONG = Unpooled.unreleasableBuffer(
            Unpooled.copiedBuffer("3", StandardCharsets.US_ASCII));

    private final Meter meter;
    private final boolean engineIo;
    private final Outcome outcome;
    // Event loop only.
    private boolean connected;
    private boolean settled;
    volatile boolean closingOnPurpose;

    ClientHandler(Meter meter, boolean engineIo, Outcome outcome) {
        this.meter = meter;
        this.engineIo = engineIo;
        this.outcome = outcome;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
        if (engineIo && engineIoControl(ctx, frame.content())) {
            return;
        }
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

    /** Handles Engine.IO's open, namespace-connect and ping packets; false for anything else (events). */
    private boolean engineIoControl(ChannelHandlerContext ctx, ByteBuf text) {
        int length = text.readableBytes();
        byte type = length > 0 ? text.getByte(text.readerIndex()) : 0;
        if (type == '2' && length == 1) {
            ctx.writeAndFlush(new TextWebSocketFrame(ENGINE_IO_PONG.duplicate()), ctx.voidPromise());
            return true;
        }
        if (type == '0') { // open: connect to the default namespace
            ctx.writeAndFlush(new TextWebSocketFrame("40"), ctx.voidPromise());
            return true;
        }
        if (type == '4' && length > 1 && text.getByte(text.readerIndex() + 1) == '0') {
            if (!connected) {
                connected = true;
                settle(true);
            }
            return true;
        }
        return false;
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
