package io.hubbub.server.hub;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * This node's connections, sharded by event loop: each loop owns the indexes of its own channels, so fan-out needs no
 * locks. A publish becomes one task per event loop that has receivers; each writes the shared frame to its local
 * channels and flushes once per burst. Thread-safe entry points; the connection-level methods must be called on the
 * connection's event loop.
 */
public final class LocalHub {

    private final ConnectionDirectory directory = new ConnectionDirectory();
    private final List<LoopShard> shards = new ArrayList<>();
    private final Map<EventExecutor, LoopShard> shardByLoop = new IdentityHashMap<>();
    private final LongAdder published = new LongAdder();

    public LocalHub(EventLoopGroup group) {
        for (EventExecutor executor : group) {
            LoopShard shard = new LoopShard((EventLoop) executor, directory);
            shards.add(shard);
            shardByLoop.put(executor, shard);
        }
    }

    private LoopShard shardOf(ClientConnection c) {
        LoopShard shard = shardByLoop.get(c.eventLoop());
        if (shard == null) {
            throw new IllegalStateException("channel is not served by this hub's event loops: " + c);
        }
        return shard;
    }

    /** Adds a connection once its upgrade is done. Event loop of {@code c}. */
    public void register(ClientConnection c) {
        shardOf(c).register(c);
    }

    /** Removes a closed connection from every index. Event loop of {@code c}. */
    public void unregister(ClientConnection c) {
        shardOf(c).unregister(c);
    }

    /** Joins {@code c} to {@code group}; false if already a member. Event loop of {@code c}. */
    public boolean join(ClientConnection c, String group) {
        return shardOf(c).join(c, group);
    }

    /** Removes {@code c} from {@code group}; false if not a member. Event loop of {@code c}. */
    public boolean leave(ClientConnection c, String group) {
        return shardOf(c).leave(c, group);
    }

    /** Removes {@code c} from all its groups. Event loop of {@code c}. */
    public void leaveAll(ClientConnection c) {
        LoopShard shard = shardOf(c);
        for (String group : new ArrayList<>(c.groups())) {
            shard.leave(c, group);
        }
    }

    /** Delivers {@code message} to the target's connections that {@code selector} accepts. Any thread. */
    public void publish(String hub, Target target, OutboundMessage message, Selector selector) {
        published.increment();
        if (target instanceof Target.Group g && !directory.groupExists(hub, g.name())
                || target instanceof Target.User u && !directory.userExists(hub, u.userId())) {
            return; // nobody to deliver to: skip the event loops altogether
        }
        message.expectDeliveries(shards.size());
        for (LoopShard shard : shards) {
            shard.loop.execute(() -> {
                try {
                    shard.deliver(hub, target, message, selector);
                } finally {
                    message.deliveryDone();
                }
            });
        }
    }

    /** Delivers {@code message} to one connection; false if it is not on this node. Any thread. */
    public boolean publishToConnection(String hub, String connectionId, OutboundMessage message) {
        ClientConnection c = directory.connection(hub, connectionId);
        if (c == null) {
            return false;
        }
        published.increment();
        message.expectDeliveries(1);
        c.eventLoop().execute(() -> {
            try {
                shardOf(c).deliverTo(c, message);
            } finally {
                message.deliveryDone();
            }
        });
        return true;
    }

    /**
     * Runs {@code action} on each event loop for the target's connections that {@code selector} accepts. The future
     * completes when every loop is done.
     */
    public CompletableFuture<Void> forEach(String hub, Target target, Selector selector,
            Consumer<ClientConnection> action) {
        List<CompletableFuture<Void>> done = new ArrayList<>(shards.size());
        for (LoopShard shard : shards) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            done.add(f);
            shard.loop.execute(() -> {
                try {
                    shard.forEach(hub, target, selector, action);
                    f.complete(null);
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
        }
        return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
    }

    /**
     * Runs {@code action} on the event loop of connection {@code connectionId}; completes with null if there is no
     * such connection in {@code hub}.
     */
    public <T> CompletableFuture<T> onConnection(String hub, String connectionId, Function<ClientConnection, T> action) {
        ClientConnection c = directory.connection(hub, connectionId);
        if (c == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        c.eventLoop().execute(() -> {
            try {
                result.complete(c.isClosing() ? null : action.apply(c));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Runs {@code action} on each event loop for every connection of every hub; completes when all are done. */
    public CompletableFuture<Void> forEveryConnection(Consumer<ClientConnection> action) {
        List<CompletableFuture<Void>> done = new ArrayList<>(shards.size());
        for (LoopShard shard : shards) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            done.add(f);
            shard.loop.execute(() -> {
                shard.allConnections().forEach(action);
                f.complete(null);
            });
        }
        return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
    }

    /** The event loops that own this hub's connections. */
    public List<EventLoop> loops() {
        List<EventLoop> loops = new ArrayList<>(shards.size());
        for (LoopShard shard : shards) {
            loops.add(shard.loop);
        }
        return loops;
    }

    /**
     * Runs {@code action} for every connection {@code loop} owns, of every hub, without copying them first: the
     * action must not register, unregister, join or leave synchronously. On {@code loop} only.
     */
    public void forEachOwnedBy(EventExecutor loop, Consumer<ClientConnection> action) {
        LoopShard shard = shardByLoop.get(loop);
        if (shard != null) {
            shard.forEachConnection(action);
        }
    }

    /** The members of {@code group} as (connectionId, userId), sorted by connectionId. */
    public CompletableFuture<List<Member>> groupMembers(String hub, String group) {
        List<Member> members = java.util.Collections.synchronizedList(new ArrayList<>());
        return forEach(hub, Target.group(group), Selector.EVERYONE,
                c -> members.add(new Member(c.connectionId(), c.userId())))
                .thenApply(v -> {
                    List<Member> sorted = new ArrayList<>(members);
                    sorted.sort(Comparator.comparing(Member::connectionId));
                    return sorted;
                });
    }

    /** A group member as listed by the REST API. */
    public record Member(String connectionId, String userId) {
    }

    /** The connection with this id in {@code hub} on this node, or null. Any thread. */
    public ClientConnection connection(String hub, String connectionId) {
        return directory.connection(hub, connectionId);
    }

    public boolean connectionExists(String hub, String connectionId) {
        ClientConnection c = directory.connection(hub, connectionId);
        return c != null;
    }

    public boolean groupExists(String hub, String group) {
        return directory.groupExists(hub, group);
    }

    public boolean userExists(String hub, String userId) {
        return directory.userExists(hub, userId);
    }

    /** Messages handed to this node for delivery (each send once, whatever its number of receivers). */
    public long publishedCount() {
        return published.sum();
    }

    /** Messages written to this node's connections: one per receiver. */
    public long deliveredCount() {
        long sum = 0;
        for (LoopShard shard : shards) {
            sum += shard.delivered();
        }
        return sum;
    }

    public int connectionCount() {
        return directory.connectionCount();
    }
}
