package io.hubbub.server.hub;

import io.hubbub.protocol.Payload;
import io.hubbub.protocol.json.JsonServerMessageEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.TimeUnit;
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
    private final long ttlNanos;

    // Guarded by this: written once by whichever event loop needs the representation first.
    private ByteBuf simpleFrame;
    private ByteBuf jsonFrame;
    private ByteBuf jsonBody;
    private boolean released;

    private OutboundMessage(Payload payload, String group, String fromUserId, ByteBufAllocator alloc, long ttlNanos) {
        this.payload = payload;
        this.ttlNanos = ttlNanos;
        this.group = group;
        this.fromUserId = fromUserId;
        this.alloc = alloc;
    }

    /** A message from the server (REST send or upstream reply). */
    public static OutboundMessage fromServer(Payload payload, ByteBufAllocator alloc) {
        return new OutboundMessage(payload, null, null, alloc, 0);
    }

    /** A message from the server that may wait at most {@code ttlSeconds} before its first write (0 = forever). */
    public static OutboundMessage fromServer(Payload payload, ByteBufAllocator alloc, int ttlSeconds) {
        return new OutboundMessage(payload, null, null, alloc, TimeUnit.SECONDS.toNanos(ttlSeconds));
    }

    /** A message published to {@code group}, by {@code fromUserId} (null for anonymous senders and REST). */
    public static OutboundMessage toGroup(String group, String fromUserId, Payload payload, ByteBufAllocator alloc) {
        return new OutboundMessage(payload, group, fromUserId, alloc, 0);
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
            case JSON, JSON_RELIABLE -> jsonFrame != null ? jsonFrame : (jsonFrame = FrameEncoder.text(alloc, jsonBytes()));
        };
    }

    /** The JSON message without a sequence id, for reliable receivers, who each get their own id spliced in. */
    synchronized ByteBuf jsonBody() {
        if (released) {
            throw new IllegalStateException("message already released");
        }
        if (jsonBody == null) {
            byte[] bytes = jsonBytes();
            jsonBody = alloc.directBuffer(bytes.length).writeBytes(bytes);
        }
        return jsonBody;
    }

    long ttlNanos() {
        return ttlNanos;
    }

    private byte[] jsonBytes() {
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
        if (jsonBody != null) {
            jsonBody.release();
            jsonBody = null;
        }
    }
}
