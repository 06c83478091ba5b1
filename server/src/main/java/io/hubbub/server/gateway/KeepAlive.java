package io.hubbub.server.gateway;

import io.hubbub.server.config.ServerConfig;
import io.hubbub.server.hub.ClientConnection;
import io.hubbub.server.hub.LocalHub;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Pings every client socket each keep-alive interval of its hub, whatever else is flowing, and drops a peer from
 * which nothing has arrived for three intervals (it missed three pings in a row): a transport loss, category
 * PingTimeout. One timer per event loop and interval walks the connections that loop owns, rather than a handler and
 * a scheduled task per connection: that pair cost some 180 bytes of heap for each idle connection. The timer ticks
 * {@link #TICKS_PER_SECOND} times a second and takes one slice of the connections each tick, each connection in a
 * fixed slice, so every connection is still pinged once an interval while the pings of thousands of them (and the
 * pongs coming back) are spread over the interval as the per-connection timers spread them: sent in one burst, they
 * held up messages on a busy loop. A connection's first ping therefore comes within one interval of its upgrade,
 * not exactly one interval after it. Liveness is recorded by {@link ClientFrameHandler}
 * ({@link ClientConnection#touch()}) for every frame that arrives.
 */
final class KeepAlive {

    static final int MISSED_PINGS_ALLOWED = 3;
    static final int TICKS_PER_SECOND = 10;
    private static final long TICK_MILLIS = 1000 / TICKS_PER_SECOND;

    private final ServerConfig config;
    private final LocalHub hub;
    private final LongSupplier nanoClock;

    /** @param nanoClock the clock of {@link ClientConnection#lastReadNanos()}: System.nanoTime() but in tests */
    KeepAlive(ServerConfig config, LocalHub hub, LongSupplier nanoClock) {
        this.config = config;
        this.hub = hub;
        this.nanoClock = nanoClock;
    }

    /** Starts the timers: on each of the hub's event loops, one per keep-alive interval that some hub uses. */
    KeepAlive start() {
        for (int seconds : intervals(config)) {
            for (EventLoop loop : hub.loops()) {
                loop.scheduleAtFixedRate(new Sweep(loop, seconds), TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
        return this;
    }

    private static Set<Integer> intervals(ServerConfig config) {
        Set<Integer> intervals = new TreeSet<>();
        intervals.add(config.defaultHub().keepAliveIntervalSeconds());
        config.hubs().values().forEach(h -> intervals.add(h.keepAliveIntervalSeconds()));
        return intervals;
    }

    /** One event loop's connections of one interval, a slice a tick: as many slices as ticks in the interval. */
    private final class Sweep implements Runnable {
        private final EventLoop loop;
        private final int intervalSeconds;
        private final int slices;
        private final long silentLimitNanos;
        /** The slice this tick; owned by {@link #loop}. */
        private int slice;

        Sweep(EventLoop loop, int intervalSeconds) {
            this.loop = loop;
            this.intervalSeconds = intervalSeconds;
            this.slices = intervalSeconds * TICKS_PER_SECOND;
            this.silentLimitNanos = MISSED_PINGS_ALLOWED * TimeUnit.SECONDS.toNanos(intervalSeconds);
        }

        @Override
        public void run() {
            hub.forEachOwnedBy(loop, c -> {
                if (sliceOf(c, slices) == slice && config.hub(c.hub()).keepAliveIntervalSeconds() == intervalSeconds) {
                    check(c, silentLimitNanos);
                }
            });
            slice = (slice + 1) % slices;
        }
    }

    /** The tick of each interval in which {@code c} is checked: fixed, and even across connections (ids are random). */
    static int sliceOf(ClientConnection c, int slices) {
        return Math.floorMod(c.connectionId().hashCode(), slices);
    }

    /** Pings {@code c}'s socket, or drops it if the peer has been silent too long. */
    private void check(ClientConnection c, long silentLimitNanos) {
        Channel channel = c.channel();
        if (channel == null || !channel.isActive()) {
            return; // detached: a reliable connection waiting for recovery
        }
        if (!channel.config().isAutoRead()) {
            // Reading is paused behind a blocking event: the peer's pongs wait unread, so silence proves nothing.
            c.touch();
        } else if (nanoClock.getAsLong() - c.lastReadNanos() > silentLimitNanos) {
            c.lost("Ping timeout.");
            channel.close(); // its inactive event comes later: the hub's indexes stay as they are meanwhile
            return;
        }
        channel.writeAndFlush(new PingWebSocketFrame(), channel.voidPromise());
    }
}
