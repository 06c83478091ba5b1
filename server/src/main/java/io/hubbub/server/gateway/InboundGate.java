package io.hubbub.server.gateway;

import io.hubbub.server.hub.ClientConnection;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayDeque;
import java.util.function.BiConsumer;

/**
 * Holds a connection's data frames while one of its blocking upstream events is in flight, so events leave in frame
 * order and nothing after an event is processed before the handler answered. Reading from the socket stops while
 * frames wait, which bounds the queue to one read. Belongs to the logical connection (it survives a recovery).
 * Every connection has one, so it stays small until used: the dispatcher is shared and the queue is made when a
 * first frame has to wait. Owner loop only.
 */
final class InboundGate {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(InboundGate.class);

    private final ClientConnection connection;
    private final BiConsumer<ClientConnection, WebSocketFrame> dispatcher;
    private ArrayDeque<WebSocketFrame> waiting;
    private boolean paused;

    InboundGate(ClientConnection connection, BiConsumer<ClientConnection, WebSocketFrame> dispatcher) {
        this.connection = connection;
        this.dispatcher = dispatcher;
    }

    static InboundGate of(ClientConnection connection) {
        return (InboundGate) connection.gatewayAttachment();
    }

    /** Processes the frame now, or queues it (retained) behind the event in flight. */
    void offer(WebSocketFrame frame) {
        if (paused) {
            if (waiting == null) {
                waiting = new ArrayDeque<>(4);
            }
            waiting.add(frame.retain());
            autoRead(false);
        } else {
            dispatcher.accept(connection, frame);
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
        while (!paused && waiting != null && (next = waiting.poll()) != null) {
            try {
                dispatcher.accept(connection, next);
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
        while (waiting != null && (next = waiting.poll()) != null) {
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
