package io.hubbub.server.cluster;

import io.hubbub.server.cluster.ClusterMessage.Presence;
import io.hubbub.server.cluster.ClusterMessage.Reply;
import io.hubbub.server.cluster.ClusterMessage.Request;
import io.hubbub.server.cluster.RemoteCall.AddConnectionToGroup;
import io.hubbub.server.cluster.RemoteCall.ChangeGroups;
import io.hubbub.server.cluster.RemoteCall.Close;
import io.hubbub.server.cluster.RemoteCall.CloseConnection;
import io.hubbub.server.cluster.RemoteCall.ConnectionExists;
import io.hubbub.server.cluster.RemoteCall.GroupExists;
import io.hubbub.server.cluster.RemoteCall.GroupMembers;
import io.hubbub.server.cluster.RemoteCall.PermissionAction;
import io.hubbub.server.cluster.RemoteCall.PermissionCall;
import io.hubbub.server.cluster.RemoteCall.Publish;
import io.hubbub.server.cluster.RemoteCall.RemoveConnectionFromAllGroups;
import io.hubbub.server.cluster.RemoteCall.RemoveConnectionFromGroup;
import io.hubbub.server.cluster.RemoteCall.SendToConnection;
import io.hubbub.server.cluster.RemoteCall.UserExists;
import io.hubbub.server.hub.LocalHub.Member;
import io.hubbub.server.hub.OutboundMessage;
import io.hubbub.server.hub.Selector;
import io.hubbub.server.hub.Target;
import io.hubbub.server.hub.permission.Permission;
import io.netty.buffer.ByteBufAllocator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backplane of a node in a cluster. This node's own connections are served by its {@link LocalBackplane}, as on
 * a single node; what may concern connections elsewhere goes on the {@link ClusterTransport}'s bus for every other
 * node to run against its own connections:
 * <ul>
 *   <li>a publish is delivered here and put on the bus once, fire-and-forget: each node fans it out locally;</li>
 *   <li>a call about one connection, user or group is answered here when it can be ("exists", "sent"), otherwise
 *       asked of every other node, and the first yes wins;</li>
 *   <li>a call about a whole target (add a user to groups, close a group) runs here and on every other node, and
 *       completes when all have answered.</li>
 * </ul>
 * Nothing is kept in Redis: which connections, users and groups exist is only ever known by the nodes that hold them,
 * so a node that crashes takes its facts with it. Nodes know each other from heartbeats on the bus.
 *
 * <p>A node whose transport is down keeps serving its own connections and answers from them alone.
 */
public final class ClusterBackplane implements Backplane, AutoCloseable {

    /**
     * The cluster's clock.
     *
     * @param heartbeat how often a node says it is alive
     * @param expiry how long a silent node still counts
     * @param callTimeout how long a call waits for other nodes' answers before going on with those it has
     * @param joinGrace after saying hello, how long to let the other nodes answer before taking clients
     */
    record Timings(Duration heartbeat, Duration expiry, Duration callTimeout, Duration joinGrace) {
        static final Timings DEFAULTS = new Timings(Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofMillis(300));
    }

    private static final Logger log = LoggerFactory.getLogger(ClusterBackplane.class);
    /** How long a silent node's sequence is remembered, in case it comes back and repeats itself. */
    private static final Duration FORGET_NODES_AFTER = Duration.ofHours(1);

    private final Backplane local;
    private final Timings timings;
    private final ClusterTransport transport;
    private final ClusterCodec codec;
    private final String nodeId;
    private final ClusterNodes nodes;
    private final Map<Long, PendingCall> pending = new ConcurrentHashMap<>();
    private final AtomicLong callIds = new AtomicLong();
    private final ScheduledThreadPoolExecutor timer;
    private final AtomicLong droppedSends = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    /** Numbers this node's messages in the order they are handed to the transport; guarded by itself. */
    private final Object sendOrder = new Object();
    private long lastSeq;
    private volatile boolean closing;
    private ScheduledFuture<?> heartbeat;

    public ClusterBackplane(LocalBackplane local, ClusterTransport transport, ByteBufAllocator alloc) {
        this((Backplane) local, transport, alloc, Timings.DEFAULTS);
    }

    /** Over any backplane of this node's own connections, with the given clock (tests). */
    ClusterBackplane(Backplane local, ClusterTransport transport, ByteBufAllocator alloc, Timings timings) {
        this.local = local;
        this.timings = timings;
        this.transport = transport;
        this.codec = new ClusterCodec(alloc);
        this.nodeId = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        this.nodes = new ClusterNodes(timings.expiry().toNanos(), FORGET_NODES_AFTER.toNanos(), System::nanoTime);
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "hubbub-cluster-" + nodeId);
            t.setDaemon(true);
            return t;
        });
        // A call's timeout is cancelled as soon as it is answered: drop it then, not 5 s later with its answers.
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Joins the cluster: listens, says hello, and gives the others a moment to answer. Blocks. */
    public void start() throws Exception {
        transport.start(nodeId, this::receive).get(30, TimeUnit.SECONDS);
        broadcast(new Presence(nodeId, Presence.Kind.HELLO)).get(30, TimeUnit.SECONDS);
        long beat = timings.heartbeat().toMillis();
        heartbeat = timer.scheduleAtFixedRate(this::beat, beat, beat, TimeUnit.MILLISECONDS);
        Thread.sleep(timings.joinGrace().toMillis());
        log.info("node {} joined the cluster; {} other node(s) answered", nodeId, nodes.alive().size());
    }

    public String nodeId() {
        return nodeId;
    }

    /** Whether the other nodes can be reached right now. */
    @Override
    public boolean isHealthy() {
        return transport.isConnected();
    }

    // ---- the Backplane

    @Override
    public void publish(String hub, Target target, OutboundMessage message, Selector selector) {
        local.publish(hub, target, message, selector);
        // Sent even when no other node is known yet: one may be starting.
        tell(new Publish(hub, target, selector, message));
    }

    /** Fire-and-forget like a publish: completes true once the message is on its way to the other nodes. */
    @Override
    public CompletableFuture<Boolean> sendToConnection(String hub, String connectionId, OutboundMessage message) {
        return local.sendToConnection(hub, connectionId, message).thenApply(here -> {
            if (!here) {
                tell(new SendToConnection(hub, connectionId, message));
            }
            return true;
        });
    }

    @Override
    public CompletableFuture<Boolean> addConnectionToGroup(String hub, String connectionId, String group) {
        return hereOrAnywhere(local.addConnectionToGroup(hub, connectionId, group),
                new AddConnectionToGroup(hub, connectionId, group));
    }

    @Override
    public CompletableFuture<Void> removeConnectionFromGroup(String hub, String connectionId, String group) {
        return isHere(hub, connectionId) ? local.removeConnectionFromGroup(hub, connectionId, group)
                : everywhereElse(new RemoveConnectionFromGroup(hub, connectionId, group));
    }

    @Override
    public CompletableFuture<Void> removeConnectionFromAllGroups(String hub, String connectionId) {
        return isHere(hub, connectionId) ? local.removeConnectionFromAllGroups(hub, connectionId)
                : everywhereElse(new RemoveConnectionFromAllGroups(hub, connectionId));
    }

    @Override
    public CompletableFuture<Void> addToGroups(String hub, Target target, Selector selector,
            Collection<String> groups) {
        return CompletableFuture.allOf(local.addToGroups(hub, target, selector, groups),
                everywhereElse(new ChangeGroups(true, hub, target, selector, List.copyOf(groups))));
    }

    @Override
    public CompletableFuture<Void> removeFromGroups(String hub, Target target, Selector selector,
            Collection<String> groups) {
        return CompletableFuture.allOf(local.removeFromGroups(hub, target, selector, groups),
                everywhereElse(new ChangeGroups(false, hub, target, selector,
                        groups == null ? null : List.copyOf(groups))));
    }

    @Override
    public CompletableFuture<Void> close(String hub, Target target, Selector selector, String reason) {
        return CompletableFuture.allOf(local.close(hub, target, selector, reason),
                everywhereElse(new Close(hub, target, selector, reason)));
    }

    @Override
    public CompletableFuture<Void> closeConnection(String hub, String connectionId, String reason) {
        return isHere(hub, connectionId) ? local.closeConnection(hub, connectionId, reason)
                : everywhereElse(new CloseConnection(hub, connectionId, reason));
    }

    @Override
    public CompletableFuture<Boolean> connectionExists(String hub, String connectionId) {
        return hereOrAnywhere(local.connectionExists(hub, connectionId), new ConnectionExists(hub, connectionId));
    }

    @Override
    public CompletableFuture<Boolean> groupExists(String hub, String group) {
        return hereOrAnywhere(local.groupExists(hub, group), new GroupExists(hub, group));
    }

    @Override
    public CompletableFuture<Boolean> userExists(String hub, String userId) {
        return hereOrAnywhere(local.userExists(hub, userId), new UserExists(hub, userId));
    }

    @Override
    public CompletableFuture<Boolean> grantPermission(String hub, String connectionId, Permission permission,
            String group) {
        return hereOrAnywhere(local.grantPermission(hub, connectionId, permission, group),
                new PermissionCall(PermissionAction.GRANT, hub, connectionId, permission, group));
    }

    @Override
    public CompletableFuture<Void> revokePermission(String hub, String connectionId, Permission permission,
            String group) {
        return isHere(hub, connectionId) ? local.revokePermission(hub, connectionId, permission, group)
                : everywhereElse(new PermissionCall(PermissionAction.REVOKE, hub, connectionId, permission, group));
    }

    @Override
    public CompletableFuture<Boolean> checkPermission(String hub, String connectionId, Permission permission,
            String group) {
        // A connection lives on one node: if it is here, this node's answer is the answer, yes or no.
        return isHere(hub, connectionId) ? local.checkPermission(hub, connectionId, permission, group)
                : anywhereElse(new PermissionCall(PermissionAction.CHECK, hub, connectionId, permission, group));
    }

    @Override
    public CompletableFuture<List<Member>> groupMembers(String hub, String group) {
        CompletableFuture<List<Object>> others = ask(new GroupMembers(hub, group), false);
        return local.groupMembers(hub, group).thenCombine(others, (here, there) -> {
            List<Member> all = new ArrayList<>(here);
            for (Object answer : there) {
                if (answer instanceof List<?> members) {
                    for (Object m : members) {
                        if (m instanceof Member member) {
                            all.add(member);
                        }
                    }
                }
            }
            all.sort(Comparator.comparing(Member::connectionId));
            return all;
        });
    }

    private boolean isHere(String hub, String connectionId) {
        return local.connectionExists(hub, connectionId).getNow(false);
    }

    /** This node's yes, or else the first yes of another node. */
    private CompletableFuture<Boolean> hereOrAnywhere(CompletableFuture<Boolean> here, RemoteCall call) {
        return here.thenCompose(yes -> yes ? CompletableFuture.completedFuture(true) : anywhereElse(call));
    }

    private CompletableFuture<Boolean> anywhereElse(RemoteCall call) {
        return ask(call, true).thenApply(answers -> answers.contains(Boolean.TRUE));
    }

    private CompletableFuture<Void> everywhereElse(RemoteCall call) {
        return ask(call, false).thenApply(answers -> null);
    }

    /**
     * Asks every other live node to run {@code call}; completes with their non-null answers once all have answered
     * (or at the first {@code true} when {@code untilTrue}), or with what arrived when the time is up.
     */
    private CompletableFuture<List<Object>> ask(RemoteCall call, boolean untilTrue) {
        Set<String> others = nodes.alive();
        if (others.isEmpty() || closing) {
            return CompletableFuture.completedFuture(List.of());
        }
        long id = callIds.incrementAndGet();
        byte[] request = codec.encode(new Request(nodeId, id, call));
        PendingCall p = new PendingCall(id, others, untilTrue);
        pending.put(id, p);
        try {
            ScheduledFuture<?> timeout = timer.schedule(p::timeOut, timings.callTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
            p.done.whenComplete((r, e) -> timeout.cancel(false));
        } catch (RejectedExecutionException e) {
            p.finish(); // closed meanwhile
            return p.done;
        }
        send(null, request).whenComplete((v, e) -> {
            if (e != null) {
                log.warn("cannot reach the other nodes, answering from this node alone: {}", e.toString());
                p.finish();
            }
        });
        return p.done;
    }

    /** Puts a call nobody answers on the bus. */
    private void tell(RemoteCall call) {
        send(null, codec.encode(new Request(nodeId, 0, call))).whenComplete((v, e) -> {
            if (e != null && droppedSends.getAndIncrement() % 1000 == 0) {
                log.warn("messages for other nodes are being dropped ({} so far): {}", droppedSends.get(),
                        e.toString());
            }
        });
    }

    private CompletableFuture<Void> broadcast(ClusterMessage message) {
        return send(null, codec.encode(message));
    }

    /**
     * Numbers {@code encoded} and hands it to the transport, for {@code toNode} or (null) every node. Numbering and
     * handing over happen under one lock, so the numbers go out in order and a repeated message can be recognised.
     */
    private CompletableFuture<Void> send(String toNode, byte[] encoded) {
        synchronized (sendOrder) {
            ClusterCodec.stamp(encoded, ++lastSeq);
            return toNode == null ? transport.broadcast(encoded) : transport.send(toNode, encoded);
        }
    }

    // ---- what the other nodes say

    private void receive(byte[] bytes) {
        if (closing) {
            return;
        }
        ClusterCodec.Received received;
        try {
            received = codec.decode(bytes, nodeId);
        } catch (IllegalArgumentException e) {
            if (malformed.getAndIncrement() % 1000 == 0) {
                log.warn("ignored a malformed cluster message ({} so far): {}", malformed.get(), e.getMessage());
            }
            return;
        }
        if (received == null) {
            return; // our own broadcast, already served locally
        }
        ClusterMessage message = received.message();
        switch (nodes.heard(message.origin(), received.seq())) {
            case REPEATED -> {
                return; // sent again by the transport after a reconnect
            }
            case NEW_NODE -> log.info("node {} is in the cluster", message.origin());
            case KNOWN_NODE -> { }
        }
        if (message instanceof Presence p) {
            onPresence(p);
        } else if (message instanceof Request r) {
            onRequest(r);
        } else if (message instanceof Reply r) {
            PendingCall call = pending.get(r.id());
            if (call != null) {
                call.answered(r.origin(), r.result());
            }
        }
    }

    private void onPresence(Presence p) {
        switch (p.kind()) {
            case HELLO -> send(p.origin(), codec.encode(new Presence(nodeId, Presence.Kind.BEAT)));
            case BEAT -> { }
            case BYE -> {
                nodes.left(p.origin());
                log.info("node {} left the cluster", p.origin());
                pending.values().forEach(call -> call.answered(p.origin(), null));
            }
        }
    }

    private void onRequest(Request r) {
        CompletableFuture<?> result;
        try {
            result = r.call().runOn(local);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        if (r.id() == 0) {
            return;
        }
        result.whenComplete((value, e) -> {
            if (e != null) {
                log.warn("call from node {} failed here: {}", r.origin(), e.toString());
            }
            if (!closing) {
                send(r.origin(), codec.encode(new Reply(nodeId, r.id(), e == null ? value : null)));
            }
        });
    }

    private void beat() {
        if (closing) {
            return;
        }
        broadcast(new Presence(nodeId, Presence.Kind.BEAT));
        Set<String> alive = nodes.alive();
        for (PendingCall call : pending.values()) {
            call.forgetGone(alive);
        }
    }

    /** Says goodbye, so the others stop waiting for this node at once, and disconnects. */
    @Override
    public void close() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        closing = true; // nothing may follow the goodbye, or the others would take this node for alive again
        try {
            broadcast(new Presence(nodeId, Presence.Kind.BYE)).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("could not say goodbye to the cluster", e);
        }
        pending.values().forEach(PendingCall::finish);
        transport.close();
        timer.shutdownNow();
    }

    /** A call waiting for the other nodes' answers. */
    private final class PendingCall {
        final long id;
        final Set<String> waitingFor;
        final boolean untilTrue;
        final List<Object> answers = new ArrayList<>();
        final CompletableFuture<List<Object>> done = new CompletableFuture<>();
        private boolean finished;

        PendingCall(long id, Set<String> nodes, boolean untilTrue) {
            this.id = id;
            this.waitingFor = new HashSet<>(nodes);
            this.untilTrue = untilTrue;
        }

        void answered(String node, Object answer) {
            boolean yes = untilTrue && Boolean.TRUE.equals(answer);
            synchronized (this) {
                // A yes counts even from a node this call did not wait for (one heard of late, or thought gone).
                if (!waitingFor.remove(node) && !yes) {
                    return;
                }
                if (answer != null) {
                    answers.add(answer);
                }
                if (!waitingFor.isEmpty() && !yes) {
                    return;
                }
            }
            finish();
        }

        /** Stops waiting for nodes that went silent meanwhile. */
        void forgetGone(Set<String> alive) {
            synchronized (this) {
                if (!waitingFor.retainAll(alive) || !waitingFor.isEmpty()) {
                    return;
                }
            }
            finish();
        }

        void timeOut() {
            synchronized (this) {
                if (finished) {
                    return;
                }
                log.warn("nodes {} did not answer within {} ms", waitingFor, timings.callTimeout().toMillis());
            }
            finish();
        }

        /** Completes with the answers so far, outside the lock: what waits on the call runs on this thread. */
        void finish() {
            List<Object> result;
            synchronized (this) {
                if (finished) {
                    return;
                }
                finished = true;
                result = List.copyOf(answers);
            }
            pending.remove(id);
            done.complete(result);
        }
    }
}
