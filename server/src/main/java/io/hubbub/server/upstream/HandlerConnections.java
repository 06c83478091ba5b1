package io.hubbub.server.upstream;

import io.hubbub.server.upstream.WebhookTarget.Origin;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The keep-alive connections to event handlers of one event loop. A request started on the loop goes out on one of
 * them, so writing it, reading the answer and relaying that to the client never leave the loop's thread.
 *
 * <p>Why not {@code io.netty.channel.pool}: {@code FixedChannelPool} bounds connections per pool, that is per loop
 * and origin, while our bound is node-wide and FIFO ({@link InFlightLimit}); {@code SimpleChannelPool} brings a
 * concurrent deque, a promise per acquire and per release, and a health check that comes down to
 * {@code isActive()}, all for channels that only ever live on one thread. A LIFO deque per origin does the same
 * with none of that (the most recently used connection is the likeliest to be alive, the others idle out), and it
 * tells us whether a request goes out on a reused connection, which the retry rule needs. Owner loop only.
 */
final class HandlerConnections {

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final Supplier<SslContext> tls;
    private final int maxResponseBytes;
    private final Map<Origin, ArrayDeque<WebhookResponseHandler>> idle = new HashMap<>();
    private boolean closed;

    /** {@code bootstrap}: the client's options, on {@code loop}. */
    HandlerConnections(EventLoop loop, Bootstrap bootstrap, Supplier<SslContext> tls, int maxResponseBytes) {
        this.loop = loop;
        this.bootstrap = bootstrap;
        this.tls = tls;
        this.maxResponseBytes = maxResponseBytes;
    }

    EventLoop loop() {
        return loop;
    }

    /** Sends {@code ex}, which holds an in-flight slot, on an idle connection to its origin or a new one. */
    void start(Exchange ex) {
        if (!ex.begin()) {
            return;
        }
        WebhookResponseHandler connection = takeIdle(ex.request().target().origin());
        if (connection != null) {
            connection.send(ex, true);
        } else {
            connect(ex);
        }
    }

    /** Sends {@code ex} on a new connection. */
    void connect(Exchange ex) {
        Origin origin = ex.request().target().origin();
        SslContext ssl;
        try {
            ssl = origin.tls() ? tls.get() : null;
        } catch (RuntimeException e) {
            ex.fail(e);
            return;
        }
        WebhookResponseHandler connection = new WebhookResponseHandler(this, origin, maxResponseBytes);
        bootstrap.clone()
                .handler(new WebhookChannelInitializer(origin, ssl, connection))
                .connect(address(origin))
                .addListener((ChannelFuture f) -> {
                    if (!f.isSuccess()) {
                        ex.fail(f.cause());
                    } else if (ex.isDone()) {
                        release(connection); // timed out while connecting; the connection is still good
                    } else {
                        connection.send(ex, false);
                    }
                });
    }

    /** Back in the pool after a complete exchange. */
    void release(WebhookResponseHandler connection) {
        if (closed || !connection.channel().isActive()) {
            connection.channel().close();
            return;
        }
        long now = System.nanoTime();
        connection.parked(now);
        ArrayDeque<WebhookResponseHandler> connections = idle.computeIfAbsent(connection.origin(),
                o -> new ArrayDeque<>());
        connections.addFirst(connection);
        WebhookResponseHandler oldest;
        while ((oldest = connections.peekLast()).isStale(now)) { // left over from a busier moment
            connections.pollLast().unparked();
            oldest.channel().close();
        }
    }

    /** An idle connection closed (by the handler, mostly). */
    void forget(WebhookResponseHandler connection) {
        ArrayDeque<WebhookResponseHandler> connections = idle.get(connection.origin());
        if (connections != null) {
            connections.remove(connection);
        }
    }

    /** Closes the idle connections; the busy ones close after their exchange. */
    void close() {
        closed = true;
        List<WebhookResponseHandler> all = new ArrayList<>();
        idle.values().forEach(all::addAll);
        idle.clear();
        all.forEach(c -> c.channel().close());
    }

    /**
     * The most recently used live connection; dead ones (closed by the handler) are skipped, and once one is stale
     * so are all older ones, which are closed.
     */
    private WebhookResponseHandler takeIdle(Origin origin) {
        ArrayDeque<WebhookResponseHandler> connections = idle.get(origin);
        if (connections == null) {
            return null;
        }
        long now = System.nanoTime();
        WebhookResponseHandler c;
        while ((c = connections.pollFirst()) != null) {
            c.unparked();
            if (c.isStale(now)) {
                c.channel().close();
                for (WebhookResponseHandler older : connections) {
                    older.unparked();
                    older.channel().close();
                }
                connections.clear();
                return null;
            }
            if (c.channel().isActive()) {
                return c;
            }
        }
        return null;
    }

    private static InetSocketAddress address(Origin origin) {
        InetAddress literal = NetUtil.createInetAddressFromIpAddressString(origin.host());
        return literal != null ? new InetSocketAddress(literal, origin.port())
                : InetSocketAddress.createUnresolved(origin.host(), origin.port());
    }
}
