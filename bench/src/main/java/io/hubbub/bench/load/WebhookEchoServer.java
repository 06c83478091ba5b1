package io.hubbub.bench.load;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.LongAdder;

/**
 * The upstream the {@code webhook-echo} scenario needs, hosted by the generator on its own event loops: passes
 * abuse protection ({@code WebHook-Allowed-Origin: *}), accepts connect/connected/disconnected with an empty 200,
 * and answers every user event with its own body as {@code text/plain}, which the service relays to the client.
 * Start the service with {@code --event-handler http://127.0.0.1:PORT/{event}}.
 */
final class WebhookEchoServer implements AutoCloseable {

    private static final String USER_EVENT_TYPE_PREFIX = "azure.webpubsub.user.";

    private final Channel serverChannel;
    final LongAdder userEvents = new LongAdder();

    WebhookEchoServer(Transport transport, int port) throws InterruptedException {
        Echo echo = new Echo();
        serverChannel = new ServerBootstrap()
                .group(transport.group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), echo);
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The URL template to give the service. */
    String urlTemplate() {
        return "http://127.0.0.1:" + port() + "/{event}";
    }

    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly();
    }

    @ChannelHandler.Sharable
    private final class Echo extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            FullHttpResponse response;
            String ceType = request.headers().get("ce-type", "");
            if (HttpMethod.OPTIONS.equals(request.method())) {
                response = new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.OK);
                response.headers().set("WebHook-Allowed-Origin", "*");
            } else if (ceType.startsWith(USER_EVENT_TYPE_PREFIX)) {
                userEvents.increment();
                response = new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.OK,
                        Unpooled.copiedBuffer(request.content()));
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
            } else {
                response = new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.OK);
            }
            HttpUtil.setContentLength(response, response.content().readableBytes());
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            HttpUtil.setKeepAlive(response, keepAlive);
            ChannelFuture written = ctx.writeAndFlush(response);
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
