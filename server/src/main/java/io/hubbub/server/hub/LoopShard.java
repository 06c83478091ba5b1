package io.hubbub.server.hub;

import io.netty.channel.EventLoop;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The part of the hub one event loop owns: the indexes of its channels, and the flush batching that turns a burst of
 * writes into one flush per channel. Every method runs on {@link #loop}.
 */
final class LoopShard {

    final EventLoop loop;
    private final ConnectionDirectory directory;
    private final Map<String, HubIndex> hubs = new HashMap<>();
    private final List<ClientConnection> pendingFlush = new ArrayList<>();
    private boolean flushScheduled;
    private final Runnable flushTask = this::flushPending;
    /** Frames written to connections; written by {@link #loop} only (opaque), read by metrics from any thread. */
    private long delivered;
    private static final VarHandle DELIVERED;

    static {
        try {
            DELIVERED = MethodHandles.lookup().findVarHandle(LoopShard.class, "delivered", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    LoopShard(EventLoop loop, ConnectionDirectory directory) {
        this.loop = loop;
        this.directory = directory;
    }

    void register(ClientConnection c) {
        hubs.computeIfAbsent(c.hub(), h -> new HubIndex()).add(c);
        directory.add(c);
    }

    void unregister(ClientConnection c) {
        HubIndex index = hubs.get(c.hub());
        if (index == null || !index.all.contains(c)) {
            return; // not registered here (or already removed): counts must not drop twice
        }
        directory.remove(c);
        index.remove(c);
        if (index.isEmpty()) {
            hubs.remove(c.hub());
        }
    }

    boolean join(ClientConnection c, String group) {
        HubIndex index = hubs.get(c.hub());
        // Interned: each member keeps the name in its own groups, and a group's members share one copy of it.
        String name = group.intern();
        if (index == null || !index.join(c, name)) {
            return false;
        }
        directory.joined(c.hub(), name);
        return true;
    }

    boolean leave(ClientConnection c, String group) {
        HubIndex index = hubs.get(c.hub());
        if (index == null || !index.leave(c, group)) {
            return false;
        }
        directory.left(c.hub(), group);
        return true;
    }

    /** The connections of {@code target} here; a snapshot, safe to modify the indexes while iterating it. */
    List<ClientConnection> members(String hub, Target target) {
        HubIndex index = hubs.get(hub);
        if (index == null) {
            return List.of();
        }
        Set<ClientConnection> set = receivers(index, target);
        return set.isEmpty() ? List.of() : new ArrayList<>(set);
    }

    void deliver(String hub, Target target, OutboundMessage message, Selector selector) {
        HubIndex index = hubs.get(hub);
        if (index == null) {
            return;
        }
        // Most sends go to everyone in the target: then a receiver's id is not even read, one cache miss less per
        // delivery when a broadcast walks thousands of connections.
        boolean everyone = selector.acceptsEveryone();
        for (ClientConnection c : receivers(index, target)) {
            if (everyone || selector.accepts(c)) {
                deliverTo(c, message);
            }
        }
    }

    private static Set<ClientConnection> receivers(HubIndex index, Target target) {
        if (target instanceof Target.Group g) {
            return index.group(g.name());
        }
        if (target instanceof Target.User u) {
            return index.user(u.userId());
        }
        return index.all;
    }

    void deliverTo(ClientConnection c, OutboundMessage message) {
        if (!c.deliver(message)) {
            return;
        }
        DELIVERED.setOpaque(this, delivered + 1); // one writer: a plain read of its own count is current
        if (c.markFlushPending()) {
            pendingFlush.add(c);
            if (!flushScheduled) {
                flushScheduled = true;
                loop.execute(flushTask);
            }
        }
    }

    void forEach(String hub, Target target, Selector selector, Consumer<ClientConnection> action) {
        for (ClientConnection c : members(hub, target)) {
            if (selector.accepts(c)) {
                action.accept(c);
            }
        }
    }

    /** Runs {@code action} for every connection of every hub here, as they are indexed: no snapshot. */
    void forEachConnection(Consumer<ClientConnection> action) {
        for (HubIndex index : hubs.values()) {
            index.all.forEach(action);
        }
    }

    /** Every connection of every hub here; a snapshot. */
    List<ClientConnection> allConnections() {
        List<ClientConnection> out = new ArrayList<>();
        for (HubIndex index : hubs.values()) {
            out.addAll(index.all);
        }
        return out;
    }

    /** Messages written to this loop's connections so far; any thread (it may see the count a little late). */
    long delivered() {
        return (long) DELIVERED.getOpaque(this);
    }

    private void flushPending() {
        flushScheduled = false;
        for (ClientConnection c : pendingFlush) {
            c.flush();
        }
        pendingFlush.clear();
    }
}
