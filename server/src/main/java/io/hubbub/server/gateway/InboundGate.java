package io.hubbub.server.gateway;

import io.hubbub.server.hub.ClientConnection;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Holds a connection's data frames while one of its blocking upstream events is in flight, so events leave in frame
 * order and nothing after an event is processed before the handler answered. Reading from the socket stops while
 * frames wait, which bounds the queue to one read. Belongs to the logical connection (it survives a recovery).
 * Owner loop only.
 */
final class InboundGate {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(InboundGate.class);

    private final ClientConnection connection;
    private final Consumer<WebSocketFrame> dispatcher;
    private final ArrayDeque<WebSocketFrame> waiting = new ArrayDeque<>();
    private boolean paused;

    InboundGate(ClientConnection connection, Consumer<WebSocketFrame> dispatcher) {
        this.connection = connection;
        this.dispatcher = dispatcher;
    }

    static InboundGate of(ClientConnection connection) {
        return (InboundGate) connection.gatewayAttachment();
    }

    /** Processes the frame now, or queues it (retained) behind the event in flight. */
    void offer(WebSocketFrame frame) {
        if (paused) {
            waiting.add(frame.retain());
            autoRead(false);
        } else {
            dispatcher.accept(frame);
        }
    }

    /** A blocking event started: frames wait from now on. */
    void pause() {
        paused = true;
    }

    /** The event finished: process waiting frames until one pauses again, then read again. */
    void resume() {
        paused = false;
        WebSocketFrame next;
        while (!paused && (next = waiting.poll()) != null) {
            try {
                dispatcher.accept(next);
            } catch (RuntimeException e) {
                // One bad frame must not strand the frames behind it.
                log.warn("processing a queued frame of {} failed", connection, e);
            } finally {
                next.release();
            }
        }
        if (!paused) {
            autoRead(true);
        }
    }

    /** The connection is gone: drop whatever waits. */
    void discard() {
        WebSocketFrame next;
        while ((next = waiting.poll()) != null) {
            next.release();
        }
    }

    private void autoRead(boolean on) {
        Channel channel = connection.channel();
        if (channel != null) {
            channel.config().setAutoRead(on);
        }
    }
}
