package io.hubbub.server.upstream;

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
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/** An event handler for client tests: records requests and the connection each came on; answers as told. */
final class TestHandlerServer implements AutoCloseable {

    /** One request as the handler saw it; {@code connection} numbers the TCP connections from 1. */
    record Received(String method, String uri, HttpHeaders headers, String body, int connection) {
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel serverChannel;
    private final AtomicInteger connections = new AtomicInteger();
    final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile BiConsumer<ChannelHandlerContext, Received> responder = (ctx, r) -> reply(ctx, 200, "ok");

    TestHandlerServer() {
        this(null);
    }

    /** Over TLS with {@code tls} when not null. */
    TestHandlerServer(SslContext tls) {
        serverChannel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        int number = connections.incrementAndGet();
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                                        Received r = new Received(req.method().name(), req.uri(),
                                                req.headers().copy(), req.content().toString(StandardCharsets.UTF_8),
                                                number);
                                        received.add(r);
                                        responder.accept(ctx, r);
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        ctx.close(); // refused handshakes, clients gone
                                    }
                                });
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** TCP connections accepted so far. */
    int connections() {
        return connections.get();
    }

    void respond(BiConsumer<ChannelHandlerContext, Received> responder) {
        this.responder = responder;
    }

    Received next() throws InterruptedException {
        Received r = received.poll(5, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request reached the handler");
        }
        return r;
    }

    static FullHttpResponse response(int status, String body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status), Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
        HttpUtil.setContentLength(response, response.content().readableBytes());
        return response;
    }

    static void reply(ChannelHandlerContext ctx, int status, String body) {
        ctx.writeAndFlush(response(status, body));
    }

    /** Answers, then closes the connection as if it had been idle for {@code after}, without saying so first. */
    static void replyThenCloseAfter(ChannelHandlerContext ctx, String body, Duration after) {
        ctx.writeAndFlush(response(200, body));
        ctx.executor().schedule(() -> ctx.close(), after.toMillis(), TimeUnit.MILLISECONDS);
    }

    static void replyAndClose(ChannelHandlerContext ctx, String body) {
        FullHttpResponse response = response(200, body);
        response.headers().set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
