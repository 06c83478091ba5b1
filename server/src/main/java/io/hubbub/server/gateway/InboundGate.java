package io.hubbub.server.gateway;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.AttributeKey;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Holds a connection's data frames while one of its blocking upstream events is in flight, so events leave in frame
 * order and nothing after an event is processed before the handler answered. Reading from the socket stops while
 * frames wait, which bounds the queue to one read. Event loop only.
 */
final class InboundGate {

    static final AttributeKey<InboundGate> KEY = AttributeKey.valueOf("hubbub.inboundGate");

    private final Channel channel;
    private final Consumer<WebSocketFrame> dispatcher;
    private final ArrayDeque<WebSocketFrame> waiting = new ArrayDeque<>();
    private boolean paused;

    InboundGate(Channel channel, Consumer<WebSocketFrame> dispatcher) {
        this.channel = channel;
        this.dispatcher = dispatcher;
    }

    static InboundGate of(Channel channel) {
        return channel.attr(KEY).get();
    }

    /** Processes the frame now, or queues it (retained) behind the event in flight. */
    void offer(WebSocketFrame frame) {
        if (paused) {
            waiting.add(frame.retain());
            channel.config().setAutoRead(false);
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
            } finally {
                next.release();
            }
        }
        if (!paused) {
            channel.config().setAutoRead(true);
        }
    }

    /** The connection is gone: drop whatever waits. */
    void discard() {
        WebSocketFrame next;
        while ((next = waiting.poll()) != null) {
            next.release();
        }
    }
}
