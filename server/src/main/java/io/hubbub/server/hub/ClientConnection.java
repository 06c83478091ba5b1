package io.hubbub.server.hub;

import io.hubbub.protocol.filter.FilterSubject;
import io.hubbub.server.hub.permission.Roles;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One logical client connection and everything the hub knows about it. Its mutable state is owned by one event loop,
 * {@link #eventLoop()}, for its whole life: the hub and backplane route work there. The WebSocket carrying it is
 * normally served by that loop too; a reliable connection that recovers on a new socket keeps its owner loop, and
 * Netty hands writes to the new socket's loop.
 */
public final class ClientConnection implements FilterSubject {

    /** Close reasons are limited to 123 bytes of UTF-8 by RFC 6455. */
    static final int MAX_CLOSE_REASON_BYTES = 123;
    private static final long CLOSE_HANDSHAKE_TIMEOUT_MILLIS = 1000;

    private final String connectionId;
    private final String hub;
    private final String userId;
    private final ClientProtocol protocol;
    private final EventLoop owner;
    private final Roles roles;
    private final String publishGroup;
    private final String subprotocol;
    private final ReliableSession reliable;
    /** Opaque state set by event handlers (ce-connectionState); written by upstream completions. */
    private volatile String connectionState;
    /** The socket currently carrying the connection; null while a reliable connection waits for recovery. */
    private volatile Channel channel;
    /** Last time anything arrived from the peer; written by the socket's loop. */
    private volatile long lastReadNanos = System.nanoTime();

    // Owned by the owner loop.
    /** Replaced, not grown in place, while small: see {@link CompactSets}. */
    private Set<String> groups = Set.of();
    private AckMemory acks;
    private Object upstreamAttachment;
    private boolean open;
    private boolean flushPending;
    /** See {@link #frameWriter}. */
    private ChannelHandlerContext frameWriter;
    private boolean closing;
    private String closeReason;
    private long detachedAt;
    private Object gatewayAttachment;
    /** Shared by every connection of a gateway, so holding it costs no object per connection. */
    private Consumer<ClientConnection> endHook = c -> { };

    public ClientConnection(String connectionId, String hub, String userId, ClientProtocol protocol, Channel channel,
            Roles roles, String publishGroup, String subprotocol, String connectionState) {
        this.connectionId = connectionId;
        this.hub = hub;
        this.userId = userId;
        this.protocol = protocol;
        this.channel = channel;
        this.owner = channel.eventLoop();
        this.roles = roles;
        this.publishGroup = publishGroup;
        this.subprotocol = subprotocol;
        this.connectionState = connectionState;
        this.reliable = protocol.isReliable() ? new ReliableSession(protocol.isProtobuf()) : null;
    }

    @Override
    public String connectionId() {
        return connectionId;
    }

    @Override
    public String userId() {
        return userId;
    }

    /** The connection's groups; read only on the owner loop, changed only through the hub. */
    @Override
    public Set<String> groups() {
        return groups;
    }

    /** Adds {@code group}; false if already a member. Owner loop only. */
    boolean addGroup(String group) {
        if (groups.contains(group)) {
            return false;
        }
        groups = CompactSets.with(groups, group);
        return true;
    }

    /** Removes {@code group}; false if not a member. Owner loop only. */
    boolean removeGroup(String group) {
        if (!groups.contains(group)) {
            return false;
        }
        groups = CompactSets.without(groups, group);
        return true;
    }

    public String hub() {
        return hub;
    }

    public ClientProtocol protocol() {
        return protocol;
    }

    /** The socket carrying the connection now, or null while detached. */
    public Channel channel() {
        return channel;
    }

    /** The event loop that owns this connection's state. */
    public EventLoop eventLoop() {
        return owner;
    }

    public Roles roles() {
        return roles;
    }

    /** For a simple client in {@code webpubsub_mode=sendToGroup}: its group; null when its frames are user events. */
    public String publishGroup() {
        return publishGroup;
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

    /** Why the connection ended, once it is closing: sent with the upstream disconnected event. */
    public String closeReason() {
        return closeReason;
    }

    public boolean isReliable() {
        return reliable != null;
    }

    /** Per-connection state of the upstream dispatcher (event order, event ids). Owner loop only. */
    public Object upstreamAttachment() {
        return upstreamAttachment;
    }

    public void upstreamAttachment(Object attachment) {
        this.upstreamAttachment = attachment;
    }

    /** Per-connection state the gateway keeps with the logical connection (it outlives a socket). */
    public Object gatewayAttachment() {
        return gatewayAttachment;
    }

    public void gatewayAttachment(Object attachment) {
        this.gatewayAttachment = attachment;
    }

    /**
     * What ends the logical connection when it is closed while no socket carries it (a detached reliable
     * connection closed by the service): otherwise the socket's closing ends it.
     */
    public void onEndWithoutSocket(Consumer<ClientConnection> hook) {
        this.endHook = hook;
    }

    /** Marks the connection registered with the hub, after its upgrade. Owner loop only. */
    public void markOpen() {
        open = true;
    }

    /** True once registered with the hub, until it is unregistered. Owner loop only. */
    public boolean isOpen() {
        return open;
    }

    /** Marks the connection unregistered; false if it was not open. Owner loop only. */
    public boolean markUnregistered() {
        boolean was = open;
        open = false;
        return was;
    }

    /** Something arrived from the peer: it is alive. */
    public void touch() {
        lastReadNanos = System.nanoTime();
    }

    public long lastReadNanos() {
        return lastReadNanos;
    }

    /** Records {@code ackId}; false for a duplicate. Owner loop only. */
    public boolean firstUseOfAckId(long ackId) {
        if (acks == null) {
            acks = new AckMemory();
        }
        return acks.firstUse(ackId, System.nanoTime());
    }

    /** Lets a failed request's ackId be used again. Owner loop only. */
    public void forgetAckId(long ackId) {
        if (acks != null) {
            acks.forget(ackId);
        }
    }

    /**
     * Writes one message of this connection's own (ack, pong, system), encoded by {@code protocol().encoder()}, in
     * a text or binary frame as the protocol wants, and flushes. Owner loop only.
     */
    public void sendOwn(byte[] message) {
        Channel ch = channel;
        if (!closing && ch != null) {
            frameWriter(ch).writeAndFlush(FrameEncoder.frame(ch.alloc(), !protocol.isProtobuf(), message),
                    ch.voidPromise());
        }
    }

    /**
     * Sends a data message to this connection alone (an upstream reply): raw frame for simple clients, a
     * {@code from:"server"} message for PubSub clients, with the next sequence id on reliable ones. Owner loop only.
     */
    public void sendMessage(OutboundMessage message) {
        message.expectDeliveries(1);
        try {
            if (deliver(message)) {
                flush();
            }
        } finally {
            message.deliveryDone();
        }
    }

    /**
     * Writes {@code message} without flushing (reliable connections buffer it too). Returns true if something was
     * written and a flush is due. Closes a client whose outbound budget is exhausted. Owner loop only.
     */
    boolean deliver(OutboundMessage message) {
        if (closing) {
            return false;
        }
        Channel ch = channel;
        if (reliable != null) {
            reliable.enqueue(message.reliableBody(protocol), message.ttlNanos());
            String overflow = reliable.overflow();
            if (overflow != null) {
                close(1008, overflow);
                return false;
            }
            return ch != null && reliable.writePending(ch);
        }
        if (!ch.isWritable()) {
            // Past its budget (the write-buffer high water mark): a non-reliable client that cannot keep up is
            // closed rather than letting its queue grow without bound.
            close(1008, "SlowClient: the client did not read its messages fast enough.");
            return false;
        }
        frameWriter(ch).write(message.frameFor(protocol).retainedDuplicate(), ch.voidPromise());
        return true;
    }

    /**
     * Where pre-encoded frames enter the socket's pipeline: at the WebSocket encoder, which would only pass them on,
     * so a write or flush visits the pipeline's head alone rather than every handler. A fan-out touches thousands of
     * sockets, and each handler context visited is a cache miss (the walk was a third of the fan-out's Java time).
     * Frame objects (close frames) still go to the channel, to be encoded. Cached for {@link #channel} and forgotten
     * when the channel changes ({@link #attach}, {@link #detach}), so the common path reads one field: checking the
     * context's channel or state would be two more cache misses per delivery. After a close the context may be
     * removed; a write there fails at the pipeline's head as a write to the closed channel would. Owner loop only.
     */
    private ChannelOutboundInvoker frameWriter(Channel ch) {
        ChannelHandlerContext w = frameWriter;
        if (w == null) {
            w = ch.pipeline().context(WebSocketFrameEncoder.class);
            if (w == null) {
                return ch; // not upgraded yet, or already torn down
            }
            frameWriter = w;
        }
        return w;
    }

    /** A reliable client acknowledged every message up to {@code sequenceId}. Owner loop only. */
    public void acknowledge(long sequenceId) {
        if (reliable != null) {
            reliable.ack(sequenceId);
        }
    }

    /** The socket can take more: write what a reliable connection buffered meanwhile. Owner loop only. */
    public void resumeWriting() {
        Channel ch = channel;
        if (reliable != null && ch != null && !closing && reliable.writePending(ch)) {
            ch.flush();
        }
    }

    /** Detaches the dropped socket of a reliable connection; messages keep being buffered. Owner loop only. */
    public long detach(Channel dropped) {
        if (channel == dropped) {
            channel = null;
            frameWriter = null; // not to keep the dropped socket's pipeline for the reconnect window
            detachedAt = System.nanoTime();
        }
        return detachedAt;
    }

    /** True while detached since the detach that returned {@code stamp}. Owner loop only. */
    public boolean detachedSince(long stamp) {
        return channel == null && detachedAt == stamp && !closing;
    }

    /**
     * Moves a recovered reliable connection onto {@code replacement}: the previous socket, if still there, is
     * dropped silently, and every unacknowledged message goes out again with its original sequence id after the
     * {@code connectedMessage}. Owner loop only.
     */
    public void attach(Channel replacement, byte[] connectedMessage) {
        Channel previous = channel;
        channel = replacement;
        frameWriter = null;
        touch(); // the new socket's handshake proves the peer alive; the time spent detached is not silence
        if (previous != null && previous != replacement) {
            previous.close();
        }
        replacement.write(FrameEncoder.frame(replacement.alloc(), !protocol.isProtobuf(), connectedMessage),
                replacement.voidPromise());
        reliable.rewind();
        reliable.writePending(replacement);
        replacement.flush();
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
        Channel ch = channel;
        if (ch != null) {
            frameWriter(ch).flush();
        }
    }

    public boolean isClosing() {
        return closing;
    }

    /**
     * Ends the connection: PubSub clients first get a {@code disconnected} message carrying the full reason, then a
     * close frame (reason truncated to 123 bytes). The TCP connection is closed when the client answers the close,
     * or after a short timeout. Reliable clients always get 1008, so they do not attempt a recovery that must fail.
     * Owner loop only; idempotent.
     */
    public void close(int code, String reason) {
        if (closing) {
            return;
        }
        closing = true;
        closeReason = reason;
        Channel ch = channel;
        if (ch == null) {
            // Not inline: the caller may be iterating the hub's indexes, which ending the connection changes.
            owner.execute(() -> endHook.accept(this));
            return;
        }
        if (!ch.isActive()) {
            ch.close();
            return;
        }
        if (protocol.isPubSub()) {
            ch.write(FrameEncoder.frame(ch.alloc(), !protocol.isProtobuf(), protocol.encoder().disconnected(reason)),
                    ch.voidPromise());
        }
        ch.writeAndFlush(new CloseWebSocketFrame(reliable != null ? 1008 : code, truncate(reason)));
        ch.eventLoop().schedule(() -> {
            ch.close();
        }, CLOSE_HANDSHAKE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The peer sent a close frame: the logical connection ends now; echo the close and drop the socket. */
    public void closedByClient(int code, String reason) {
        if (closeReason == null) {
            closeReason = reason == null || reason.isEmpty() ? "Connection closed by client." : reason;
        }
        Channel ch = channel;
        if (!closing && ch != null && ch.isActive()) {
            closing = true;
            int echo = code < 0 ? 1000 : code;
            ch.writeAndFlush(new CloseWebSocketFrame(echo, "")).addListener(ChannelFutureListener.CLOSE);
        } else {
            closing = true;
            if (ch != null) {
                ch.close();
            }
        }
    }

    /** The transport dropped without a close handshake; a reliable connection may still recover. */
    public void lost(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        if (reliable == null) {
            closing = true;
        }
    }

    /** Frees what a reliable connection buffered; the logical connection is over. Owner loop only. */
    public void releaseBuffers() {
        closing = true;
        if (reliable != null) {
            reliable.release();
        }
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
