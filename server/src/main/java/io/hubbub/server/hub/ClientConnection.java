package io.hubbub.server.hub;

import io.hubbub.protocol.filter.FilterSubject;
import io.hubbub.protocol.json.JsonServerMessageEncoder;
import io.hubbub.server.hub.permission.Roles;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One client WebSocket and everything the hub knows about it. Mutable state is owned by the channel's event loop:
 * only touch it from there (the hub and backplane route work to {@link #eventLoop()}).
 */
public final class ClientConnection implements FilterSubject {

    /** Close reasons are limited to 123 bytes of UTF-8 by RFC 6455. */
    static final int MAX_CLOSE_REASON_BYTES = 123;
    private static final long CLOSE_HANDSHAKE_TIMEOUT_MILLIS = 1000;

    private final String connectionId;
    private final String hub;
    private final String userId;
    private final ClientProtocol protocol;
    private final Channel channel;
    private final Roles roles;
    private final Map<String, java.util.List<String>> query;
    private final String publishGroup;
    private final String subprotocol;
    /** Opaque state set by event handlers (ce-connectionState); written by upstream completions. */
    private volatile String connectionState;

    // Owned by the event loop.
    private final Set<String> groups = new HashSet<>();
    private AckMemory acks;
    private long lastEventId;
    private java.util.concurrent.CompletableFuture<Void> upstreamTail;
    private boolean open;
    private long lastReadNanos = System.nanoTime();
    private boolean flushPending;
    private boolean closing;
    private String closeReason;

    public ClientConnection(String connectionId, String hub, String userId, ClientProtocol protocol, Channel channel,
            Roles roles, Map<String, java.util.List<String>> query, String publishGroup, String subprotocol,
            String connectionState) {
        this.connectionId = connectionId;
        this.hub = hub;
        this.userId = userId;
        this.protocol = protocol;
        this.channel = channel;
        this.roles = roles;
        this.query = query;
        this.publishGroup = publishGroup;
        this.subprotocol = subprotocol;
        this.connectionState = connectionState;
    }

    @Override
    public String connectionId() {
        return connectionId;
    }

    @Override
    public String userId() {
        return userId;
    }

    /** The connection's groups; read only on the event loop. */
    @Override
    public Set<String> groups() {
        return groups;
    }

    public String hub() {
        return hub;
    }

    public ClientProtocol protocol() {
        return protocol;
    }

    public Channel channel() {
        return channel;
    }

    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    public Roles roles() {
        return roles;
    }

    public Map<String, java.util.List<String>> query() {
        return query;
    }

    /**
     * For a simple client in {@code webpubsub_mode=sendToGroup}: the group its frames are published to; null when
     * its frames are user events.
     */
    public String publishGroup() {
        return publishGroup;
    }

    /** Why the connection ended, once it is closing: sent with the upstream disconnected event. */
    public String closeReason() {
        return closeReason;
    }

    /** The selected subprotocol as echoed in the upgrade (may be a custom one for a simple client), or null. */
    public String subprotocol() {
        return subprotocol;
    }

    public String connectionState() {
        return connectionState;
    }

    public void connectionState(String state) {
        this.connectionState = state;
    }

    /** The next ce-id of this connection's events. Event loop only. */
    public long nextEventId() {
        return ++lastEventId;
    }

    /** The completion of this connection's last upstream event, to chain the next after. Event loop only. */
    public java.util.concurrent.CompletableFuture<Void> upstreamTail() {
        return upstreamTail;
    }

    public void upstreamTail(java.util.concurrent.CompletableFuture<Void> tail) {
        this.upstreamTail = tail;
    }

    /** Marks the connection registered with the hub, after its upgrade. Event loop only. */
    public void markOpen() {
        open = true;
    }

    /** True once registered with the hub, until it is unregistered. Event loop only. */
    public boolean isOpen() {
        return open;
    }

    /** Marks the connection unregistered; false if it was not open. Event loop only. */
    public boolean markUnregistered() {
        boolean was = open;
        open = false;
        return was;
    }

    /** Something arrived from the peer: it is alive. Event loop only. */
    public void touch() {
        lastReadNanos = System.nanoTime();
    }

    public long lastReadNanos() {
        return lastReadNanos;
    }

    /** Records {@code ackId}; false for a duplicate. Event loop only. */
    public boolean firstUseOfAckId(long ackId) {
        if (acks == null) {
            acks = new AckMemory();
        }
        return acks.firstUse(ackId, System.nanoTime());
    }

    /** Lets a failed request's ackId be used again. Event loop only. */
    public void forgetAckId(long ackId) {
        if (acks != null) {
            acks.forget(ackId);
        }
    }

    /** Writes one message of this connection's own (ack, pong, reply) and flushes. Event loop only. */
    public void sendJson(byte[] json) {
        if (!closing) {
            channel.writeAndFlush(FrameEncoder.text(channel.alloc(), json), channel.voidPromise());
        }
    }

    /** Writes one data frame of this connection's own (an upstream reply to a simple client) and flushes. */
    public void sendFrame(boolean text, byte[] payload) {
        if (!closing) {
            channel.writeAndFlush(FrameEncoder.frame(channel.alloc(), text, payload), channel.voidPromise());
        }
    }

    /** Writes a shared frame without flushing; the shard flushes once per burst. Event loop only. */
    boolean write(ByteBuf sharedFrame) {
        if (closing) {
            return false;
        }
        channel.write(sharedFrame.retainedDuplicate(), channel.voidPromise());
        return true;
    }

    boolean markFlushPending() {
        if (flushPending) {
            return false;
        }
        flushPending = true;
        return true;
    }

    void flush() {
        flushPending = false;
        channel.flush();
    }

    public boolean isClosing() {
        return closing;
    }

    /**
     * Ends the connection: PubSub clients first get a {@code disconnected} message carrying the full reason, then
     * everyone gets a close frame (reason truncated to 123 bytes). The TCP connection is closed when the client
     * answers the close, or after a short timeout. Event loop only; idempotent.
     */
    public void close(int code, String reason) {
        if (closing) {
            return;
        }
        closing = true;
        closeReason = reason;
        if (!channel.isActive()) {
            return;
        }
        if (protocol.isPubSub()) {
            channel.write(FrameEncoder.text(channel.alloc(), JsonServerMessageEncoder.disconnected(reason)),
                    channel.voidPromise());
        }
        channel.writeAndFlush(new CloseWebSocketFrame(code, truncate(reason)));
        channel.eventLoop().schedule(() -> {
            channel.close();
        }, CLOSE_HANDSHAKE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The peer sent a close frame: echo it and drop the TCP connection. Event loop only. */
    public void closedByClient(int code, String reason) {
        if (closeReason == null) {
            closeReason = reason == null || reason.isEmpty() ? "Connection closed by client." : reason;
        }
        if (!closing && channel.isActive()) {
            closing = true;
            int echo = code < 0 ? 1000 : code;
            channel.writeAndFlush(new CloseWebSocketFrame(echo, "")).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    /** The transport dropped without a close handshake. */
    public void lost(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        closing = true;
    }

    static String truncate(String reason) {
        if (reason == null) {
            return "";
        }
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_CLOSE_REASON_BYTES) {
            return reason;
        }
        int end = MAX_CLOSE_REASON_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // do not cut a multi-byte character in half
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ClientConnection[" + connectionId + " hub=" + hub + " user=" + userId + " " + protocol + "]";
    }
}
