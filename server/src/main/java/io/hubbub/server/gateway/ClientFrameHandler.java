package io.hubbub.server.gateway;

import io.hubbub.server.hub.ClientConnection;
import io.hubbub.server.hub.LocalHub;
import io.hubbub.server.upstream.UpstreamEvents;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Whole WebSocket frames of an upgraded client: control frames are answered here, data frames go to the handler of
 * the connection's protocol. When the channel goes, the connection leaves the hub and upstream hears of it once.
 */
@Sharable
public final class ClientFrameHandler extends ChannelInboundHandlerAdapter {

    private final LocalHub hub;
    private final JsonMessageHandler json;
    private final SimpleMessageHandler simple;
    private final UpstreamEvents upstream;

    public ClientFrameHandler(LocalHub hub, JsonMessageHandler json, SimpleMessageHandler simple,
            UpstreamEvents upstream) {
        this.hub = hub;
        this.json = json;
        this.simple = simple;
        this.upstream = upstream;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ClientConnection connection = ctx.channel().attr(ClientHandshake.CONNECTION).get();
        try {
            if (frame instanceof CloseWebSocketFrame close) {
                connection.closedByClient(close.statusCode(), close.reasonText());
            } else if (frame instanceof PingWebSocketFrame) {
                ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()), ctx.voidPromise());
            } else if (frame instanceof PongWebSocketFrame) {
                return; // liveness is recorded by the keep-alive handler
            } else if (connection.isOpen() && !connection.isClosing()) {
                InboundGate.of(ctx.channel()).offer(frame);
            }
        } finally {
            frame.release();
        }
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
    public void channelInactive(ChannelHandlerContext ctx) {
        ClientConnection connection = ctx.channel().attr(ClientHandshake.CONNECTION).get();
        if (connection != null) {
            connection.lost("Connection lost.");
            InboundGate gate = InboundGate.of(ctx.channel());
            if (gate != null) {
                gate.discard();
            }
            if (connection.markUnregistered()) {
                hub.unregister(connection);
                upstream.disconnected(connection, connection.closeReason());
            }
        }
        ctx.fireChannelInactive();
    }
}
