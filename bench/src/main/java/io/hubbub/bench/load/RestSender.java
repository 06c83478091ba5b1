package io.hubbub.bench.load;

import io.hubbub.testkit.ClientTokens;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * REST sends over a few keep-alive HTTP/1.1 connections, one request in flight per connection and a queue behind
 * it. Open loop: when too many requests are outstanding a send is dropped and counted as throttled rather than
 * letting the queue grow without bound. For Hubbub one bearer token covers every path under the hub (the service
 * compares the audience's path as a prefix); the peers take no token.
 */
final class RestSender implements AutoCloseable {

    private static final int MAX_OUTSTANDING_PER_CONNECTION = 256;

    private final Meter meter;
    private final String hostHeader;
    private final String authorization;
    private final List<Connection> connections = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final int maxOutstanding;

    RestSender(Transport transport, ServerUnderTest server, ServerKind kind, String hub, int connectionCount,
            Meter meter) throws InterruptedException {
        this.meter = meter;
        URI endpoint = server.endpoint();
        this.hostHeader = endpoint.getHost() + ":" + endpoint.getPort();
        if (kind.restNeedsToken()) {
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("aud", endpoint + "/api/hubs/" + hub);
            claims.put("exp", Instant.now().getEpochSecond() + 3600);
            this.authorization = "Bearer " + ClientTokens.sign(claims, server.accessKey());
        } else {
            this.authorization = null;
        }
        this.maxOutstanding = connectionCount * MAX_OUTSTANDING_PER_CONNECTION;
        Bootstrap b = new Bootstrap()
                .group(transport.group)
                .channel(transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true);
        for (int i = 0; i < connectionCount; i++) {
            Connection c = new Connection();
            b.handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20), c);
                }
            });
            c.channel = b.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort())).sync().channel();
            connections.add(c);
        }
    }

    /** Queues {@code POST path} with a text/plain body; false when throttled. Any thread. */
    boolean post(String path, byte[] body) {
        if (outstanding.incrementAndGet() > maxOutstanding) {
            outstanding.decrementAndGet();
            meter.throttled.increment();
            return false;
        }
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                path, Unpooled.wrappedBuffer(body));
        request.headers()
                .set(HttpHeaderNames.HOST, hostHeader)
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (authorization != null) {
            request.headers().set(HttpHeaderNames.AUTHORIZATION, authorization);
        }
        Connection c = connections.get(Math.floorMod(next.getAndIncrement(), connections.size()));
        c.channel.eventLoop().execute(() -> c.enqueue(request));
        return true;
    }

    @Override
    public void close() {
        for (Connection c : connections) {
            c.channel.close().awaitUninterruptibly();
        }
    }

    /** One keep-alive connection; its fields are owned by its event loop. */
    private final class Connection extends SimpleChannelInboundHandler<FullHttpResponse> {
        Channel channel;
        private final ArrayDeque<FullHttpRequest> queue = new ArrayDeque<>();
        private boolean busy;

        void enqueue(FullHttpRequest request) {
            if (!channel.isActive()) {
                request.release();
                outstanding.decrementAndGet();
                meter.error("REST connection is closed");
                return;
            }
            queue.add(request);
            if (!busy) {
                sendNext();
            }
        }

        private void sendNext() {
            FullHttpRequest request = queue.poll();
            busy = request != null;
            if (busy) {
                channel.writeAndFlush(request, channel.voidPromise());
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            outstanding.decrementAndGet();
            int status = response.status().code();
            if (status / 100 == 2) {
                meter.sent.increment();
            } else {
                meter.error("REST send answered HTTP " + status + ": "
                        + response.content().toString(java.nio.charset.StandardCharsets.UTF_8));
            }
            sendNext();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            for (FullHttpRequest r; (r = queue.poll()) != null; ) {
                r.release();
                outstanding.decrementAndGet();
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            meter.error("REST connection failed: " + cause);
            ctx.close();
        }
    }
}
