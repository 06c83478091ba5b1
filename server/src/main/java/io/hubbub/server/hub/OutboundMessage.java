package io.hubbub.server.hub;

import io.hubbub.protocol.Payload;
import io.hubbub.protocol.json.JsonServerMessageEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A message on its way to one or many connections. Each receiver representation (raw frame for simple clients, JSON
 * message for PubSub clients) is encoded at most once, on first need, and shared by every receiver on every event
 * loop. The encoded buffers are released when the last event loop has finished delivering.
 */
public final class OutboundMessage {

    private final Payload payload;
    private final String group;
    private final String fromUserId;
    private final ByteBufAllocator alloc;
    private final AtomicInteger pendingDeliveries = new AtomicInteger();

    // Guarded by this: written once by whichever event loop needs the representation first.
    private ByteBuf simpleFrame;
    private ByteBuf jsonFrame;
    private boolean released;

    private OutboundMessage(Payload payload, String group, String fromUserId, ByteBufAllocator alloc) {
        this.payload = payload;
        this.group = group;
        this.fromUserId = fromUserId;
        this.alloc = alloc;
    }

    /** A message from the server (REST send or upstream reply). */
    public static OutboundMessage fromServer(Payload payload, ByteBufAllocator alloc) {
        return new OutboundMessage(payload, null, null, alloc);
    }

    /** A message published to {@code group}, by {@code fromUserId} (null for anonymous senders and REST). */
    public static OutboundMessage toGroup(String group, String fromUserId, Payload payload, ByteBufAllocator alloc) {
        return new OutboundMessage(payload, group, fromUserId, alloc);
    }

    public Payload payload() {
        return payload;
    }

    /** The shared frame for {@code protocol}; callers write a {@code retainedDuplicate()} of it. */
    synchronized ByteBuf frameFor(ClientProtocol protocol) {
        if (released) {
            throw new IllegalStateException("message already released");
        }
        return switch (protocol) {
            case SIMPLE -> simpleFrame != null ? simpleFrame
                    : (simpleFrame = FrameEncoder.frame(alloc, payload.isTextFrame(), payload.data()));
            case JSON -> jsonFrame != null ? jsonFrame : (jsonFrame = FrameEncoder.text(alloc, jsonBody()));
        };
    }

    private byte[] jsonBody() {
        return group == null
                ? JsonServerMessageEncoder.serverMessage(payload, null)
                : JsonServerMessageEncoder.groupMessage(group, fromUserId, payload, null);
    }

    /** Announces {@code count} deliveries (one per event loop) that will each call {@link #deliveryDone()}. */
    void expectDeliveries(int count) {
        pendingDeliveries.set(count);
    }

    void deliveryDone() {
        if (pendingDeliveries.decrementAndGet() == 0) {
            release();
        }
    }

    private synchronized void release() {
        released = true;
        if (simpleFrame != null) {
            simpleFrame.release();
            simpleFrame = null;
        }
        if (jsonFrame != null) {
            jsonFrame.release();
            jsonFrame = null;
        }
    }
}
