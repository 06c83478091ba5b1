package io.hubbub.server.hub;

import io.hubbub.protocol.Payload;
import io.hubbub.protocol.json.JsonServerMessageEncoder;
import io.hubbub.protocol.protobuf.ProtobufServerMessageEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A message on its way to one or many connections. Each receiver representation (raw frame for simple clients, JSON
 * or protobuf message for PubSub clients, and the sequence-less bodies reliable receivers splice their ids into) is
 * encoded at most once, on first need, and shared by every receiver on every event loop. The encoded buffers are
 * released when the last event loop has finished delivering.
 */
public final class OutboundMessage {

    /** The shared encodings a message can have. */
    enum Encoding { SIMPLE_FRAME, JSON_FRAME, JSON_BODY, PROTOBUF_FRAME, PROTOBUF_BODY }

    private final Payload payload;
    private final String group;
    private final String fromUserId;
    private final ByteBufAllocator alloc;
    private final AtomicInteger pendingDeliveries = new AtomicInteger();
    private final int ttlSeconds;
    private final long ttlNanos;

    // Read without locking on every delivery; each slot written once, under this lock, by the first loop needing it.
    private final AtomicReferenceArray<ByteBuf> encoded = new AtomicReferenceArray<>(Encoding.values().length);
    private volatile boolean released;

    private OutboundMessage(Payload payload, String group, String fromUserId, ByteBufAllocator alloc, int ttlSeconds) {
        this.payload = payload;
        this.group = group;
        this.fromUserId = fromUserId;
        this.alloc = alloc;
        this.ttlSeconds = ttlSeconds;
        this.ttlNanos = TimeUnit.SECONDS.toNanos(ttlSeconds);
    }

    /** A message from the server (REST send or upstream reply). */
    public static OutboundMessage fromServer(Payload payload, ByteBufAllocator alloc) {
        return new OutboundMessage(payload, null, null, alloc, 0);
    }

    /** A message from the server that may wait at most {@code ttlSeconds} before its first write (0 = forever). */
    public static OutboundMessage fromServer(Payload payload, ByteBufAllocator alloc, int ttlSeconds) {
        return new OutboundMessage(payload, null, null, alloc, ttlSeconds);
    }

    /** A message published to {@code group}, by {@code fromUserId} (null for anonymous senders and REST). */
    public static OutboundMessage toGroup(String group, String fromUserId, Payload payload, ByteBufAllocator alloc) {
        return new OutboundMessage(payload, group, fromUserId, alloc, 0);
    }

    public Payload payload() {
        return payload;
    }

    /** The group it was published to, or null for a message from the server. */
    public String group() {
        return group;
    }

    /** The publishing user of a group message, or null (server, anonymous sender). */
    public String fromUserId() {
        return fromUserId;
    }

    /** Seconds it may wait before its first write, 0 = forever. */
    public int ttlSeconds() {
        return ttlSeconds;
    }

    long ttlNanos() {
        return ttlNanos;
    }

    /** The shared frame for a non-reliable receiver of {@code protocol}; write a {@code retainedDuplicate()}. */
    ByteBuf frameFor(ClientProtocol protocol) {
        return switch (protocol) {
            case SIMPLE -> encoding(Encoding.SIMPLE_FRAME);
            case JSON, JSON_RELIABLE -> encoding(Encoding.JSON_FRAME);
            case PROTOBUF, PROTOBUF_RELIABLE -> encoding(Encoding.PROTOBUF_FRAME);
        };
    }

    /** The shared message without a sequence id, for reliable receivers, who each get their own id spliced in. */
    ByteBuf reliableBody(ClientProtocol protocol) {
        return encoding(protocol.isProtobuf() ? Encoding.PROTOBUF_BODY : Encoding.JSON_BODY);
    }

    private ByteBuf encoding(Encoding encoding) {
        ByteBuf buf = encoded.get(encoding.ordinal());
        return buf != null ? buf : encodeOnce(encoding);
    }

    private synchronized ByteBuf encodeOnce(Encoding encoding) {
        if (released) {
            throw new IllegalStateException("message already released");
        }
        ByteBuf buf = encoded.get(encoding.ordinal());
        if (buf == null) {
            buf = encode(encoding);
            encoded.set(encoding.ordinal(), buf);
        }
        return buf;
    }

    private ByteBuf encode(Encoding encoding) {
        return switch (encoding) {
            case SIMPLE_FRAME -> FrameEncoder.frame(alloc, payload.isTextFrame(), payload.data());
            case JSON_FRAME -> FrameEncoder.text(alloc, jsonBytes());
            case JSON_BODY -> body(jsonBytes());
            case PROTOBUF_FRAME -> FrameEncoder.binary(alloc,
                    ProtobufServerMessageEncoder.downstream(ProtobufServerMessageEncoder.dataMessage(group, payload)));
            case PROTOBUF_BODY -> body(ProtobufServerMessageEncoder.dataMessage(group, payload));
        };
    }

    private ByteBuf body(byte[] bytes) {
        return alloc.directBuffer(bytes.length).writeBytes(bytes);
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

    /** Runs after the last delivery, so no loop reads the slots any more. */
    private synchronized void release() {
        released = true;
        for (int i = 0; i < encoded.length(); i++) {
            ByteBuf buf = encoded.getAndSet(i, null);
            if (buf != null) {
                buf.release();
            }
        }
    }
}
