package io.hubbub.server;

import io.hubbub.server.api.RestApiHandler;
import io.hubbub.server.auth.AccessKeys;
import io.hubbub.server.auth.ClientTokenIssuer;
import io.hubbub.server.auth.ClientTokenVerifier;
import io.hubbub.server.auth.Jwt;
import io.hubbub.server.auth.ReconnectionTokens;
import io.hubbub.server.auth.RestTokenVerifier;
import io.hubbub.server.cluster.Backplane;
import io.hubbub.server.cluster.ClusterBackplane;
import io.hubbub.server.cluster.ClusterTransport;
import io.hubbub.server.cluster.ClusterTransports;
import io.hubbub.server.cluster.LocalBackplane;
import io.hubbub.server.config.ServerConfig;
import io.hubbub.server.gateway.Gateway;
import io.hubbub.server.gateway.GatewayInitializer;
import io.hubbub.server.hub.LocalHub;
import io.hubbub.server.metrics.ServerMetrics;
import io.hubbub.server.upstream.UpstreamEvents;
import io.hubbub.server.upstream.WebhookDispatcher;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Hubbub node: the composition root that builds every part with plain constructors, and its lifecycle.
 * {@link #start()} binds the port; {@link #close()} says {@code disconnected} to every client before stopping.
 */
public final class HubbubServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HubbubServer.class);
    /** Close code for clients when the node shuts down: "going away". */
    static final int CLOSE_GOING_AWAY = 1001;

    private final ServerConfig config;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final Class<? extends ServerChannel> channelClass;
    private final LocalHub hub;
    private final Backplane backplane;
    private final ClusterBackplane cluster;
    private final ServerMetrics metrics;
    private final GatewayInitializer initializer;
    private Channel serverChannel;

    private final AutoCloseable upstreamResources;

    /** A node whose events go to the webhooks configured per hub. */
    public HubbubServer(ServerConfig config) {
        this(config, null);
    }

    /** A node whose events go to {@code upstream} instead of webhooks (null: the configured webhooks). */
    public HubbubServer(ServerConfig config, UpstreamEvents upstream) {
        this(config, upstream, config.cluster().isClustered() ? ClusterTransports.create(config.cluster()) : null);
    }

    /**
     * A node whose events go to {@code upstream} (null: the configured webhooks) and that reaches the other nodes of
     * its cluster through {@code clusterTransport} (null: a single node).
     */
    public HubbubServer(ServerConfig config, UpstreamEvents upstream, ClusterTransport clusterTransport) {
        this.config = config;
        AccessKeys keys = new AccessKeys(config.primaryKey(), config.secondaryKey());
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.channelClass = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        this.bossGroup = new MultiThreadIoEventLoopGroup(1, io);
        this.workerGroup = new MultiThreadIoEventLoopGroup(config.eventLoops(), io);

        this.metrics = new ServerMetrics();
        Clock clock = Clock.systemUTC();
        if (upstream == null) {
            // on the clients' own loops: a user event's request, its answer and the relay stay on one thread
            WebhookDispatcher webhooks = new WebhookDispatcher(config, keys, clock, workerGroup,
                    epoll ? EpollSocketChannel.class : NioSocketChannel.class, metrics::webhookAttempted);
            upstream = webhooks;
            this.upstreamResources = webhooks;
        } else {
            this.upstreamResources = () -> { };
        }
        Jwt jwt = new Jwt(keys, clock);
        this.hub = new LocalHub(workerGroup);
        LocalBackplane localBackplane = new LocalBackplane(hub);
        this.cluster = clusterTransport == null ? null
                : new ClusterBackplane(localBackplane, clusterTransport, ByteBufAllocator.DEFAULT);
        this.backplane = cluster != null ? cluster : localBackplane;
        metrics.bind(hub, backplane);
        RestApiHandler api = new RestApiHandler(new RestTokenVerifier(jwt), backplane,
                new ClientTokenIssuer(jwt, clock), config.publicEndpoint(), metrics::restAnswered);
        this.initializer = new Gateway(config, hub, backplane, upstream,
                new ClientTokenVerifier(jwt, config.publicEndpoint()), new ReconnectionTokens(keys, clock), api)
                .initializer();
    }

    /** Joins the cluster, if any, then listens. */
    public HubbubServer start() throws Exception {
        if (config.metricsPort() >= 0) {
            metrics.serve(config.bindHost(), config.metricsPort());
        }
        if (cluster != null) {
            cluster.start();
        }
        serverChannel = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(channelClass)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // One receive-buffer sizing policy for every socket (each keeps its state in its own handle) rather
                // than a copy per socket; 16 reads per wake-up, as Netty gives its socket channels by default.
                .childOption(ChannelOption.RECVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator().maxMessagesPerRead(16))
                .childHandler(initializer)
                .bind(config.bindHost(), config.port())
                .sync()
                .channel();
        log.info("Hubbub listening on {}:{} (event loops: {})", config.bindHost(), port(), config.eventLoops());
        if (metrics.port() >= 0) {
            log.info("Metrics at http://{}:{}/metrics", config.bindHost(), metrics.port());
        }
        return this;
    }

    /** The bound port (useful when configured with port 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The node's meters; {@link ServerMetrics#port()} is -1 unless {@code metricsPort} is set. */
    public ServerMetrics metrics() {
        return metrics;
    }

    public LocalHub hub() {
        return hub;
    }

    public Backplane backplane() {
        return backplane;
    }

    public ServerConfig config() {
        return config;
    }

    /** Stops accepting, tells every client the service is going away, then stops the event loops. */
    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly();
        }
        try {
            hub.forEveryConnection(c -> c.close(CLOSE_GOING_AWAY, "Service is shutting down."))
                    .get(5, TimeUnit.SECONDS);
            // Let the disconnected messages, close frames and disconnected events on their way.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (hub.connectionCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (Exception e) {
            log.debug("graceful close interrupted", e);
        }
        if (cluster != null) {
            cluster.close();
        }
        try {
            upstreamResources.close();
        } catch (Exception e) {
            log.debug("closing upstream failed", e);
        }
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        metrics.close(); // last: answers and webhook calls finishing on the loops still count
    }
}
