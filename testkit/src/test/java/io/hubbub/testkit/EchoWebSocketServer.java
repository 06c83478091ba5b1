package io.hubbub.testkit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A tiny Netty WebSocket server for testing the client. It echoes data frames; a few text commands make it
 * misbehave on purpose. Path {@code /denied} answers the handshake with 401.
 */
final class EchoWebSocketServer implements AutoCloseable {

    static final String SUBPROTOCOLS = "json.webpubsub.azure.v1,protobuf.webpubsub.azure.v1";
    static final String DENIED_BODY = "missing access token";

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel serverChannel;

    EchoWebSocketServer() throws InterruptedException {
        serverChannel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(
                                new HttpServerCodec(),
                                new HttpObjectAggregator(65536),
                                new DenyingHandler(),
                                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                        .websocketPath("/ws")
                                        .checkStartsWith(true)
                                        .subprotocols(SUBPROTOCOLS)
                                        .maxFramePayloadLength(4 << 20)
                                        .sendCloseFrame(null) // so "drop" ends the TCP connection without a Close frame
                                        .build()),
                                new CommandHandler());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    URI uri(String path) {
        int port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        return URI.create("ws://127.0.0.1:" + port + path);
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Answers a handshake on {@code /denied} with 401 and a body, as an auth check would. */
    private static final class DenyingHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        DenyingHandler() {
            super(false);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            if (!request.uri().startsWith("/denied")) {
                ctx.fireChannelRead(request);
                return;
            }
            request.release();
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.UNAUTHORIZED,
                    Unpooled.copiedBuffer(DENIED_BODY, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * Echoes frames, except these text commands: {@code fragments:a|b|c}, {@code binary-fragments:n},
     * {@code big:n}, {@code burst:n}, {@code ping}, {@code header:name}, {@code close:code:reason}, {@code drop}.
     */
    private static final class CommandHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
        private HttpHeaders handshakeHeaders; // only touched on the channel's event loop

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete complete) {
                handshakeHeaders = complete.requestHeaders();
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof BinaryWebSocketFrame) {
                ctx.writeAndFlush(new BinaryWebSocketFrame(frame.content().retain()));
                return;
            }
            if (!(frame instanceof TextWebSocketFrame textFrame)) {
                return;
            }
            String text = textFrame.text();
            String command = text.contains(":") ? text.substring(0, text.indexOf(':')) : text;
            String argument = text.substring(command.length() == text.length() ? text.length() : command.length() + 1);
            switch (command) {
                case "fragments" -> {
                    String[] parts = argument.split("\\|");
                    ctx.write(new TextWebSocketFrame(false, 0, parts[0]));
                    for (int i = 1; i < parts.length; i++) {
                        ctx.write(new ContinuationWebSocketFrame(i == parts.length - 1, 0, parts[i]));
                    }
                    ctx.flush();
                }
                case "binary-fragments" -> {
                    int count = Integer.parseInt(argument);
                    for (int i = 0; i < count; i++) {
                        var part = Unpooled.wrappedBuffer(new byte[] {(byte) i, (byte) i});
                        ctx.write(i == 0 ? new BinaryWebSocketFrame(count == 1, 0, part)
                                : new ContinuationWebSocketFrame(i == count - 1, 0, part));
                    }
                    ctx.flush();
                }
                case "big" -> ctx.writeAndFlush(new TextWebSocketFrame("x".repeat(Integer.parseInt(argument))));
                case "burst" -> {
                    for (int i = 0; i < Integer.parseInt(argument); i++) {
                        ctx.write(new TextWebSocketFrame("{\"seq\":" + i + "}"));
                    }
                    ctx.flush();
                }
                case "ping" -> {
                    ctx.write(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
                    ctx.writeAndFlush(new TextWebSocketFrame("pinged"));
                }
                case "header" -> ctx.writeAndFlush(new TextWebSocketFrame(String.valueOf(handshakeHeaders.get(argument))));
                case "close" -> {
                    int colon = argument.indexOf(':');
                    ctx.writeAndFlush(new CloseWebSocketFrame(Integer.parseInt(argument.substring(0, colon)),
                            argument.substring(colon + 1)));
                }
                case "drop" -> ctx.close();
                default -> ctx.writeAndFlush(new TextWebSocketFrame(text));
            }
        }
    }
}
