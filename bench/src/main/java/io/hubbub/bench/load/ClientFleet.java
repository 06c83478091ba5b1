package io.hubbub.bench.load;

import io.hubbub.testkit.ClientTokens;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The generator's WebSocket connections, opened with a bounded number of handshakes in flight and spread round-robin
 * over several loopback source addresses. To Hubbub each carries a token minted here with its user id, groups and
 * roles ({@code json.webpubsub.azure.v1}); to a peer, its user and group as query parameters.
 */
final class ClientFleet implements AutoCloseable {

    private final Transport transport;
    private final ServerKind kind;
    private final Meter meter;
    private final AtomicReferenceArray<Channel> channels;
    private final List<ClientHandler> handlers = new ArrayList<>();

    ClientFleet(Transport transport, ServerKind kind, Meter meter, int size) {
        this.transport = transport;
        this.kind = kind;
        this.meter = meter;
        this.channels = new AtomicReferenceArray<>(size);
    }

    /** Opens every connection; returns how many got their {@code connected} message within the timeout. */
    int connectAll(ServerUnderTest server, LoadSettings settings, Scenario scenario) throws InterruptedException {
        URI endpoint = server.endpoint();
        ClientTokens tokens = new ClientTokens(server.accessKey(), endpoint.toString());
        InetSocketAddress remote = new InetSocketAddress(endpoint.getHost(), endpoint.getPort());
        List<InetAddress> sources = settings.sourceAddressList();
        int n = channels.length();
        Semaphore inFlight = new Semaphore(settings.connectConcurrency());
        CountDownLatch settled = new CountDownLatch(n);
        int[] ok = new int[1];
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            inFlight.acquire();
            int index = i;
            URI uri = kind.clientUri(endpoint, settings.hub(), tokens, i, scenario);
            ClientHandler handler = new ClientHandler(meter, kind.engineIo(), connected -> {
                if (connected) {
                    synchronized (ok) {
                        ok[0]++;
                    }
                }
                inFlight.release();
                settled.countDown();
            });
            handlers.add(handler);
            ChannelFuture f = bootstrap(uri, handler).connect(remote,
                    new InetSocketAddress(sources.get(i % sources.size()), 0));
            channels.set(index, f.channel());
            f.addListener(done -> {
                if (!done.isSuccess()) {
                    meter.error("TCP connect failed: " + done.cause());
                    inFlight.release();
                    settled.countDown();
                }
            });
        }
        if (!settled.await(Math.max(60, n / 50), TimeUnit.SECONDS)) {
            meter.error("connections still pending after the connect timeout");
        }
        synchronized (ok) {
            System.out.printf("connected %d/%d in %.1f s%n", ok[0], n, (System.nanoTime() - started) / 1e9);
            meter.connected.add(ok[0]);
            return ok[0];
        }
    }

    private Bootstrap bootstrap(URI uri, ClientHandler handler) {
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .subprotocol(kind.subprotocol())
                .handshakeTimeoutMillis(30_000)
                .maxFramePayloadLength(1 << 20)
                // The generator trusts the service's UTF-8; validating every 2 KB frame was its top CPU cost.
                .withUTF8Validator(false)
                .build();
        return new Bootstrap()
                .group(transport.group)
                .channel(transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        p.addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                                new WebSocketClientProtocolHandler(config), handler);
                    }
                });
    }

    int size() {
        return channels.length();
    }

    /** Sends one text frame on connection {@code index}; any thread. */
    void send(int index, byte[] frameText) {
        Channel ch = channels.get(index);
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(frameText)), ch.voidPromise());
        }
    }

    /** Closes every socket (no close handshake: the server sees them drop) and waits for them to go. */
    @Override
    public void close() {
        for (ClientHandler h : handlers) {
            h.closingOnPurpose = true;
        }
        List<ChannelFuture> closed = new ArrayList<>();
        for (int i = 0; i < channels.length(); i++) {
            Channel ch = channels.get(i);
            if (ch != null) {
                closed.add(ch.close());
            }
        }
        for (ChannelFuture f : closed) {
            f.awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }
}
