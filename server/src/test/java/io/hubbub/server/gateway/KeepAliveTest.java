package io.hubbub.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubbub.server.config.HubSettings;
import io.hubbub.server.config.ServerConfig;
import io.hubbub.server.hub.ClientConnection;
import io.hubbub.server.hub.ClientProtocol;
import io.hubbub.server.hub.LocalHub;
import io.hubbub.server.hub.ServerFrames;
import io.hubbub.server.hub.SharedLoop;
import io.hubbub.server.hub.TestConnections;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared keep-alive timers on a hand-driven event loop. Silence is measured against the connection's last read
 * ({@link System#nanoTime()}), so the tests move the keep-alive's clock ahead of it instead of waiting.
 */
class KeepAliveTest {

    private final SharedLoop loop = new SharedLoop();
    private final LocalHub hub = new LocalHub(loop.loop());
    private final AtomicLong clockAhead = new AtomicLong();
    private final ServerConfig config = ServerConfig.builder().primaryKey("k")
            .hubs(Map.of("fast", new HubSettings(false, 5))).build();
    private final KeepAlive keepAlive = new KeepAlive(config, hub, () -> System.nanoTime() + clockAhead.get())
            .start();

    @AfterEach
    void tearDown() {
        loop.close();
    }

    private ClientConnection open(String id, String hubName) {
        EmbeddedChannel channel = loop.newChannel();
        ClientConnection c = TestConnections.connection(id, hubName, null, ClientProtocol.JSON, channel);
        hub.register(c);
        c.markOpen();
        return c;
    }

    private static EmbeddedChannel channel(ClientConnection c) {
        return (EmbeddedChannel) c.channel();
    }

    private static long pings(ClientConnection c) {
        return ServerFrames.drain(channel(c)).stream().filter(f -> f.opcode() == ServerFrames.PING).count();
    }

    private void seconds(int n) {
        for (int i = 0; i < n; i++) {
            loop.advance(1, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldPingEveryConnectionOnceEachIntervalOfItsHub() {
        ClientConnection a = open("a", "chat");
        ClientConnection b = open("b", "chat");
        ClientConnection fast = open("f", "fast");

        seconds(20);
        assertThat(pings(a)).isEqualTo(1);
        assertThat(pings(b)).isEqualTo(1);
        assertThat(pings(fast)).as("every 5 s, by the timer of its own interval").isEqualTo(4);
        seconds(20);
        assertThat(pings(a)).isEqualTo(1);
        assertThat(pings(b)).isEqualTo(1);
        assertThat(channel(a).isOpen()).isTrue();
    }

    @Test
    void pingsShouldBeSpreadOverTheInterval() {
        List<ClientConnection> connections = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // ids as unpredictable as real ones, but the same in every run
            connections.add(open(UUID.nameUUIDFromBytes(new byte[] {(byte) i}).toString(), "chat"));
        }
        long[] pinged = new long[connections.size()];
        long busiestTick = 0;

        for (int tick = 0; tick < 20 * KeepAlive.TICKS_PER_SECOND; tick++) {
            loop.advance(1000 / KeepAlive.TICKS_PER_SECOND, TimeUnit.MILLISECONDS);
            long thisTick = 0;
            for (int i = 0; i < connections.size(); i++) {
                long n = pings(connections.get(i));
                pinged[i] += n;
                thisTick += n;
            }
            busiestTick = Math.max(busiestTick, thisTick);
        }

        assertThat(pinged).as("each once in the interval").containsOnly(1);
        assertThat(busiestTick).as("a slice a tick, not all at once").isLessThanOrEqualTo(3);
    }

    @Test
    void shouldDropAPeerSilentForThreeIntervalsAsPingTimeout() {
        ClientConnection silent = open("a", "chat");

        clockAhead.set(TimeUnit.SECONDS.toNanos(61));
        seconds(20);

        assertThat(channel(silent).isOpen()).isFalse();
        assertThat(silent.closeReason()).isEqualTo("Ping timeout.");
        assertThat(pings(silent)).as("no ping to a dropped peer").isZero();
    }

    @Test
    void aPeerHeardFromWithinThreeIntervalsShouldStay() {
        ClientConnection c = open("a", "chat");

        clockAhead.set(TimeUnit.SECONDS.toNanos(59));
        seconds(20);

        assertThat(channel(c).isOpen()).isTrue();
        assertThat(pings(c)).isEqualTo(1);
    }

    @Test
    void pausedReadingShouldNotCountAsSilence() {
        ClientConnection c = open("a", "chat");
        channel(c).config().setAutoRead(false);

        clockAhead.set(TimeUnit.SECONDS.toNanos(61));
        seconds(20);

        assertThat(channel(c).isOpen()).isTrue();
        assertThat(pings(c)).isEqualTo(1);
        assertThat(c.lastReadNanos()).as("the paused peer counts as just heard from")
                .isGreaterThan(System.nanoTime() - TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void shouldSkipClosedAndDetachedSockets() {
        ClientConnection closed = open("a", "chat");
        ClientConnection detached = open("b", "chat");
        EmbeddedChannel dropped = channel(detached);
        channel(closed).close();
        detached.detach(dropped);

        seconds(20);

        assertThat(channel(closed).outboundMessages()).isEmpty();
        assertThat(dropped.outboundMessages()).isEmpty();
    }

    @Test
    void unregisteredConnectionsShouldNoLongerBePinged() {
        ClientConnection c = open("a", "chat");
        hub.unregister(c);

        seconds(20);

        assertThat(pings(c)).isZero();
    }
}
