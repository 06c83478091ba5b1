package io.hubbub.server.upstream;

import io.hubbub.server.config.UpstreamSettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.EventExecutor;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * HTTP/1.1 calls to event handlers on the node's own event loops: keep-alive connections per loop (a request from
 * a client's loop goes out and comes back on that loop), a response size limit, no redirects followed, and a
 * node-wide bound on requests in flight (excess requests wait their turn instead of opening ever more sockets).
 */
final class WebhookClient implements AutoCloseable {

    static final int CONNECT_TIMEOUT_MILLIS = 5000;

    private final List<HandlerConnections> loops = new ArrayList<>();
    private final InFlightLimit limit;
    private final OffLoopResolverGroup resolver = new OffLoopResolverGroup();
    private final AtomicInteger nextLoop = new AtomicInteger();
    private volatile boolean closed;

    /** https trusts the JDK's default trust store. */
    WebhookClient(UpstreamSettings settings, EventLoopGroup group, Class<? extends Channel> channelClass) {
        this(settings, group, channelClass, new DefaultTls());
    }

    /** https trusts what {@code tls} trusts (tests: a test certificate). */
    WebhookClient(UpstreamSettings settings, EventLoopGroup group, Class<? extends Channel> channelClass,
            SslContext tls) {
        this(settings, group, channelClass, () -> tls);
    }

    private WebhookClient(UpstreamSettings settings, EventLoopGroup group, Class<? extends Channel> channelClass,
            Supplier<SslContext> tls) {
        this.limit = new InFlightLimit(settings.maxConcurrentRequests());
        Bootstrap options = new Bootstrap()
                .channel(channelClass)
                .resolver(resolver)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.TCP_NODELAY, true);
        for (EventExecutor executor : group) {
            EventLoop loop = (EventLoop) executor;
            loops.add(new HandlerConnections(loop, options.clone().group(loop), tls, settings.maxResponseBytes()));
        }
    }

    /** Sends the request {@code request} builds once a slot is free, from the caller's event loop if it has one. */
    CompletableFuture<WebhookResponse> send(Supplier<WebhookRequest> request) {
        Exchange ex = new Exchange(request, loopOfCaller(), this::releaseSlot);
        if (closed) {
            ex.reject(new RejectedExecutionException("the webhook client is closed"));
        } else if (limit.tryAcquire(ex)) {
            HandlerConnections on = ex.connections();
            if (on.loop().inEventLoop()) {
                on.start(ex);
            } else if (!launch(ex)) {
                releaseSlot();
            }
        }
        return ex.result();
    }

    private HandlerConnections loopOfCaller() {
        for (HandlerConnections c : loops) {
            if (c.loop().inEventLoop()) {
                return c;
            }
        }
        return loops.get(Math.floorMod(nextLoop.getAndIncrement(), loops.size()));
    }

    /** Starts {@code ex}, which holds a slot, as a task of its loop; false if the loop is gone. */
    private static boolean launch(Exchange ex) {
        HandlerConnections on = ex.connections();
        try {
            on.loop().execute(() -> on.start(ex));
            return true;
        } catch (RejectedExecutionException e) {
            ex.reject(e);
            return false;
        }
    }

    /** Hands the slot of a finished exchange to the oldest waiter, or frees it. */
    private void releaseSlot() {
        Exchange next = limit.release();
        while (next != null && !launch(next)) {
            next = limit.release();
        }
    }

    /** Waits until no request is in flight or waiting, at most {@code limit}. */
    void awaitIdle(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!limit.isIdle() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Fails waiting requests and closes idle connections; the event loops belong to the caller. */
    @Override
    public void close() {
        closed = true;
        for (Exchange ex : limit.removeWaiting()) {
            ex.reject(new RejectedExecutionException("the webhook client is closed"));
        }
        for (HandlerConnections c : loops) {
            try {
                c.loop().execute(c::close);
            } catch (RejectedExecutionException e) {
                // the loop is stopped, and its channels with it
            }
        }
        resolver.close();
    }

    /** The JDK's default trust store, loaded on the first https request: most nodes never make one. */
    private static final class DefaultTls implements Supplier<SslContext> {

        private SslContext context; // guarded by this

        @Override
        public synchronized SslContext get() {
            if (context == null) {
                try {
                    context = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build();
                } catch (SSLException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return context;
        }
    }
}
