package io.hubbub.server.gateway;

import io.hubbub.server.config.ServerConfig;
import io.hubbub.server.hub.ClientConnection;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;

/**
 * Performs the {@code 101} and swaps the HTTP handlers for the WebSocket ones: the codec (no extensions, so no
 * permessage-deflate), UTF-8 validation and message aggregation up to the size limit ({@link MessageAssembler}),
 * and the frame handler. Keep-alive is not a handler: {@link KeepAlive} pings from one timer per event loop. Every
 * handler here is paid for per socket (a context object, and its state unless shared), so there are few.
 */
final class WebSocketUpgrader {

    private final ServerConfig config;
    private final ClientFrameHandler frames;
    private final WebSocketDecoderConfig decoderConfig;
    /** Immutable, so one for every socket rather than one each. */
    private final WriteBufferWaterMark waterMark;

    WebSocketUpgrader(ServerConfig config, ClientFrameHandler frames) {
        this.config = config;
        this.frames = frames;
        this.decoderConfig = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(config.maxMessageBytes())
                .allowExtensions(false)
                .allowMaskMismatch(false)
                .closeOnProtocolViolation(true)
                .build();
        this.waterMark = new WriteBufferWaterMark(config.slowClientBytes() / 2, config.slowClientBytes());
    }

    /**
     * Upgrades the request's channel, echoing {@code subprotocol} (null: none), with {@code connection}'s handlers;
     * the returned future completes when the {@code 101} is written. Null if the WebSocket version is unsupported
     * (the refusal is already sent).
     */
    ChannelFuture upgrade(ChannelHandlerContext ctx, FullHttpRequest request, String subprotocol,
            ClientConnection connection) {
        Channel channel = ctx.channel();
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
                "ws://" + request.headers().get(HttpHeaderNames.HOST) + request.uri(), subprotocol, decoderConfig)
                .newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel);
            return null;
        }
        channel.attr(ClientHandshake.CONNECTION).set(connection);
        channel.config().setWriteBufferWaterMark(waterMark);
        ChannelFuture upgraded = handshaker.handshake(channel, request);
        // The handshaker put the WebSocket codec in front of the HTTP codec; ours go behind it, before the tail.
        ChannelPipeline p = channel.pipeline();
        p.addBefore(GatewayInitializer.EXCEPTION_TAIL, "ws-messages", new MessageAssembler(config.maxMessageBytes()));
        if (connection != null) {
            // The frame handler ends the pipeline and handles its errors too: one handler context less per socket.
            p.replace(GatewayInitializer.EXCEPTION_TAIL, "ws-frames", frames);
        } else {
            p.addBefore(GatewayInitializer.EXCEPTION_TAIL, "ws-discard", new DiscardInboundHandler());
        }
        p.remove(GatewayInitializer.HTTP_DISPATCHER);
        return upgraded;
    }
}
