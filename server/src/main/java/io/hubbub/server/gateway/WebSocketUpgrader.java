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
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;

/**
 * Performs the {@code 101} and swaps the HTTP handlers for the WebSocket ones: the codec (no extensions, so no
 * permessage-deflate), UTF-8 validation, message aggregation up to the size limit, keep-alive and the frame handler.
 */
final class WebSocketUpgrader {

    private final ServerConfig config;
    private final ClientFrameHandler frames;
    private final WebSocketDecoderConfig decoderConfig;

    WebSocketUpgrader(ServerConfig config, ClientFrameHandler frames) {
        this.config = config;
        this.frames = frames;
        this.decoderConfig = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(config.maxMessageBytes())
                .allowExtensions(false)
                .allowMaskMismatch(false)
                .closeOnProtocolViolation(true)
                .build();
    }

    /**
     * Upgrades the request's channel, echoing {@code subprotocol} (null: none), with {@code connection}'s handlers;
     * the returned future completes when the {@code 101} is written. Null if the WebSocket version is unsupported
     * (the refusal is already sent).
     */
    ChannelFuture upgrade(ChannelHandlerContext ctx, FullHttpRequest request, String subprotocol,
            ClientConnection connection, int keepAliveSeconds) {
        Channel channel = ctx.channel();
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
                "ws://" + request.headers().get(HttpHeaderNames.HOST) + request.uri(), subprotocol, decoderConfig)
                .newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel);
            return null;
        }
        channel.attr(ClientHandshake.CONNECTION).set(connection);
        channel.config().setWriteBufferWaterMark(
                new WriteBufferWaterMark(config.slowClientBytes() / 2, config.slowClientBytes()));
        ChannelFuture upgraded = handshaker.handshake(channel, request);
        // The handshaker put the WebSocket codec in front of the HTTP codec; ours go behind it, before the tail.
        ChannelPipeline p = channel.pipeline();
        p.addBefore(GatewayInitializer.EXCEPTION_TAIL, "ws-utf8", new Utf8FrameValidator(true));
        p.addBefore(GatewayInitializer.EXCEPTION_TAIL, "ws-aggregator",
                new WebSocketFrameAggregator(config.maxMessageBytes()));
        if (connection != null) {
            p.addBefore(GatewayInitializer.EXCEPTION_TAIL, "ws-keepalive",
                    new KeepAliveHandler(connection, keepAliveSeconds));
            p.addBefore(GatewayInitializer.EXCEPTION_TAIL, "ws-frames", frames);
        } else {
            p.addBefore(GatewayInitializer.EXCEPTION_TAIL, "ws-discard", new DiscardInboundHandler());
        }
        p.remove(GatewayInitializer.HTTP_DISPATCHER);
        return upgraded;
    }
}
