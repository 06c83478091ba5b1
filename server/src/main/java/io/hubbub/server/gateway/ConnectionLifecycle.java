package io.hubbub.server.gateway;

import io.hubbub.server.hub.ClientConnection;
import io.hubbub.server.hub.LocalHub;
import io.hubbub.server.upstream.UpstreamEvents;
import io.netty.channel.Channel;
import java.util.concurrent.TimeUnit;

/**
 * How a logical connection ends. A non-reliable one ends with its socket. A reliable one whose socket dropped
 * without a close frame is kept (groups, roles, buffered messages) for the reconnect window; it ends when the window
 * passes, or on a close frame, a service close or an overflow. Ending unregisters it from the hub, frees its buffers
 * and fires the upstream {@code disconnected} event, exactly once. Owner loop only.
 */
final class ConnectionLifecycle {

    private final LocalHub hub;
    private final UpstreamEvents upstream;
    private final long reconnectWindowNanos;

    ConnectionLifecycle(LocalHub hub, UpstreamEvents upstream, int reconnectWindowSeconds) {
        this.hub = hub;
        this.upstream = upstream;
        this.reconnectWindowNanos = TimeUnit.SECONDS.toNanos(reconnectWindowSeconds);
    }

    /** The socket {@code closed} went away; decide whether the logical connection ends or waits for recovery. */
    void socketClosed(ClientConnection c, Channel closed) {
        if (c.channel() != closed && c.channel() != null) {
            return; // a socket replaced by a recovery: the connection lives on elsewhere
        }
        c.lost("Connection lost.");
        if (c.isReliable() && !c.isClosing() && c.isOpen()) {
            long stamp = c.detach(closed);
            c.eventLoop().schedule(() -> {
                if (c.detachedSince(stamp)) {
                    c.close(1008, "The connection was not recovered within the reconnect window.");
                    end(c);
                }
            }, reconnectWindowNanos, TimeUnit.NANOSECONDS);
            return;
        }
        end(c);
    }

    void end(ClientConnection c) {
        if (c.markUnregistered()) {
            hub.unregister(c);
            c.releaseBuffers();
            InboundGate gate = InboundGate.of(c);
            if (gate != null) {
                gate.discard();
            }
            upstream.disconnected(c, c.closeReason());
        }
    }
}
