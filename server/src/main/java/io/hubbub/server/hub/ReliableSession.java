package io.hubbub.server.hub;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The reliable part of a {@code json.reliable.webpubsub.azure.v1} connection: every data message gets the next
 * {@code sequenceId} and stays buffered until the client acknowledges it, so it can be written again after a
 * reconnect. Each buffered entry holds a retained slice of the message's shared body (encoded once for all
 * receivers); only the small {@code {"sequenceId":N,} prefix and frame header are per connection. Owner loop only.
 */
final class ReliableSession {

    static final int MAX_UNACKED_MESSAGES = 1000;
    static final long MAX_UNACKED_BYTES = 16L * 1024 * 1024;

    private static final class Entry {
        final long sequenceId;
        final ByteBuf body;
        final long expiresAtNanos;
        boolean written; // the TTL only applies until the first write

        Entry(long sequenceId, ByteBuf body, long expiresAtNanos) {
            this.sequenceId = sequenceId;
            this.body = body;
            this.expiresAtNanos = expiresAtNanos;
        }
    }

    private final boolean protobuf;
    private final ArrayDeque<Entry> unacked = new ArrayDeque<>();
    private long unackedBytes;
    private long lastSequenceId;
    private long writtenUpTo;

    ReliableSession(boolean protobuf) {
        this.protobuf = protobuf;
    }

    /** The reason the session cannot take more, or null; a non-null answer means the client must be closed. */
    String overflow() {
        if (unacked.size() > MAX_UNACKED_MESSAGES) {
            return "SlowClient: more than " + MAX_UNACKED_MESSAGES + " messages are unacknowledged.";
        }
        if (unackedBytes > MAX_UNACKED_BYTES) {
            return "SlowClient: more than " + MAX_UNACKED_BYTES + " bytes are unacknowledged.";
        }
        return null;
    }

    /**
     * Buffers a message body (JSON without sequenceId, starting with '{') under the next sequence id.
     *
     * @param ttlNanos how long it may wait before its first write (0 = forever)
     */
    void enqueue(ByteBuf sharedBody, long ttlNanos) {
        long now = System.nanoTime();
        ByteBuf body = sharedBody.retainedDuplicate();
        unacked.add(new Entry(++lastSequenceId, body, ttlNanos == 0 ? now + Long.MAX_VALUE / 2 : now + ttlNanos));
        unackedBytes += body.readableBytes();
    }

    /** Drops every entry up to {@code sequenceId} (cumulative ack); acks above the highest id sent are clamped. */
    void ack(long sequenceId) {
        Entry head;
        while ((head = unacked.peek()) != null && Long.compareUnsigned(head.sequenceId, sequenceId) <= 0) {
            unacked.poll();
            unackedBytes -= head.body.readableBytes();
            head.body.release();
        }
    }

    /** Marks every buffered message as unwritten: after a reconnect all of them go out again. */
    void rewind() {
        writtenUpTo = unacked.isEmpty() ? lastSequenceId : unacked.peek().sequenceId - 1;
    }

    /**
     * Writes buffered messages not yet written, in order, while {@code writable} allows, dropping never-written
     * messages whose time-to-live passed. Returns true if anything was written.
     */
    boolean writePending(io.netty.channel.Channel channel) {
        boolean wrote = false;
        long now = System.nanoTime();
        for (Iterator<Entry> it = unacked.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.sequenceId <= writtenUpTo) {
                continue;
            }
            if (!channel.isWritable()) {
                break;
            }
            if (!e.written && now - e.expiresAtNanos > 0) {
                it.remove();
                unackedBytes -= e.body.readableBytes();
                e.body.release();
                writtenUpTo = e.sequenceId;
                continue;
            }
            channel.write(protobuf ? protobufFrame(channel.alloc(), e.sequenceId, e.body)
                    : frame(channel.alloc(), e.sequenceId, e.body), channel.voidPromise());
            e.written = true;
            writtenUpTo = e.sequenceId;
            wrote = true;
        }
        return wrote;
    }

    /** A WebSocket text frame of {@code {"sequenceId":N,} followed by the body after its opening brace. */
    static ByteBuf frame(ByteBufAllocator alloc, long sequenceId, ByteBuf body) {
        byte[] prefix = ("{\"sequenceId\":" + Long.toUnsignedString(sequenceId) + ",").getBytes(StandardCharsets.US_ASCII);
        int bodyRest = body.readableBytes() - 1;
        int length = prefix.length + bodyRest;
        ByteBuf head = alloc.directBuffer(10 + prefix.length);
        FrameEncoder.writeHeader(head, true, length);
        head.writeBytes(prefix);
        CompositeByteBuf frame = alloc.compositeDirectBuffer(2);
        frame.addComponents(true, head, body.retainedSlice(body.readerIndex() + 1, bodyRest));
        return frame;
    }

    /**
     * A WebSocket binary frame of a DownstreamMessage whose data_message is the shared inner message followed by
     * its sequence_id field: protobuf allows fields in any order, so only the two headers are per connection.
     */
    static ByteBuf protobufFrame(ByteBufAllocator alloc, long sequenceId, ByteBuf inner) {
        byte[] suffix = io.hubbub.protocol.protobuf.ProtobufServerMessageEncoder.sequenceIdSuffix(sequenceId);
        byte[] dataHeader = io.hubbub.protocol.protobuf.ProtobufServerMessageEncoder.dataHeader(
                inner.readableBytes() + suffix.length);
        int length = dataHeader.length + inner.readableBytes() + suffix.length;
        ByteBuf head = alloc.directBuffer(10 + dataHeader.length);
        FrameEncoder.writeHeader(head, false, length);
        head.writeBytes(dataHeader);
        CompositeByteBuf frame = alloc.compositeDirectBuffer(3);
        frame.addComponents(true, head, inner.retainedSlice(), alloc.directBuffer(suffix.length).writeBytes(suffix));
        return frame;
    }

    /** Frees every buffered message; the session is over. */
    void release() {
        Entry e;
        while ((e = unacked.poll()) != null) {
            e.body.release();
        }
        unackedBytes = 0;
    }
}
