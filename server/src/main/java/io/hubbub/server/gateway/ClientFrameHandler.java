package io.hubbub.server.gateway;

import io.hubbub.server.hub.ClientConnection;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Whole WebSocket frames of an upgraded client. Pings are answered on the socket's loop; everything else runs on the
 * connection's owner loop (the same loop, except after a reliable recovery landed on another one): close frames end
 * the connection, data frames go through its {@link InboundGate} to the handler of its protocol. Every frame counts
 * as a sign of life for {@link KeepAlive}. When the socket goes, {@link ConnectionLifecycle} decides whether the
 * connection ends or waits for recovery.
 */
@Sharable
public final class ClientFrameHandler extends ChannelInboundHandlerAdapter {

    private final PubSubMessageHandler json;
    private final SimpleMessageHandler simple;
    private final ConnectionLifecycle lifecycle;

    ClientFrameHandler(PubSubMessageHandler json, SimpleMessageHandler simple, ConnectionLifecycle lifecycle) {
        this.json = json;
        this.simple = simple;
        this.lifecycle = lifecycle;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ClientConnection connection = ctx.channel().attr(ClientHandshake.CONNECTION).get();
        connection.touch(); // whatever arrives proves the peer alive, for KeepAlive
        if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content()), ctx.voidPromise());
            return;
        }
        if (frame instanceof PongWebSocketFrame) {
            frame.release();
            return;
        }
        Channel channel = ctx.channel();
        if (connection.eventLoop().inEventLoop()) {
            onOwnerLoop(connection, channel, frame);
        } else {
            connection.eventLoop().execute(() -> onOwnerLoop(connection, channel, frame));
        }
    }

    private void onOwnerLoop(ClientConnection connection, Channel channel, WebSocketFrame frame) {
        try {
            if (connection.channel() != channel) {
                return; // a socket already replaced by a recovery
            }
            if (frame instanceof CloseWebSocketFrame close) {
                connection.closedByClient(close.statusCode(), close.reasonText());
            } else if (connection.isOpen() && !connection.isClosing()) {
                InboundGate.of(connection).offer(frame);
            }
        } finally {
            frame.release();
        }
    }

    ConnectionLifecycle lifecycle() {
        return lifecycle;
    }

    /** Hands a data frame to the connection's protocol; called through the connection's {@link InboundGate}. */
    void dispatch(ClientConnection connection, WebSocketFrame frame) {
        if (connection.isClosing()) {
            return;
        }
        if (connection.protocol().isPubSub()) {
            json.onFrame(connection, frame);
        } else {
            simple.onFrame(connection, frame);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ClientConnection connection = ctx.channel().attr(ClientHandshake.CONNECTION).get();
        if (connection != null && ctx.channel().isWritable()) {
            connection.eventLoop().execute(connection::resumeWriting);
        }
        ctx.fireChannelWritabilityChanged();
    }

    /** Last in a client's pipeline, so errors end here too, mapped to the wire where the gateway does that. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        GatewayExceptionHandler.INSTANCE.exceptionCaught(ctx, cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ClientConnection connection = ctx.channel().attr(ClientHandshake.CONNECTION).get();
        if (connection != null) {
            Channel closed = ctx.channel();
            connection.eventLoop().execute(() -> lifecycle.socketClosed(connection, closed));
        }
        ctx.fireChannelInactive();
    }
}
