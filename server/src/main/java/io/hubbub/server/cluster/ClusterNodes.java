package io.hubbub.server.cluster;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The other nodes of the cluster, as this node last heard from them: every message a node sends proves it alive, and
 * a node silent for longer than the expiry (it crashed, or lost Redis) no longer counts. Only this node's own clock
 * is read, so the nodes' clocks need not agree. Also drops a message heard twice (a send the transport repeated
 * after reconnecting), by the sequence number each node gives its messages. Thread-safe; {@link #heard} is called
 * from one thread at a time (the transport's receiving thread).
 */
final class ClusterNodes {

    /** What {@link #heard} made of a message. */
    enum Heard { NEW_NODE, KNOWN_NODE, REPEATED }

    private static final class Node {
        volatile long lastHeardNanos;
        volatile long lastSeq;

        Node(long now, long seq) {
            this.lastHeardNanos = now;
            this.lastSeq = seq;
        }
    }

    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    private final long expiryNanos;
    private final long forgetAfterNanos;
    private final LongSupplier nanoClock;

    ClusterNodes(long expiryNanos, long forgetAfterNanos, LongSupplier nanoClock) {
        this.expiryNanos = expiryNanos;
        this.forgetAfterNanos = forgetAfterNanos;
        this.nanoClock = nanoClock;
    }

    /** Records message {@code seq} from {@code node}. */
    Heard heard(String node, long seq) {
        long now = nanoClock.getAsLong();
        Heard[] result = new Heard[1];
        // Atomic against alive()'s forgetting: a node heard now is never removed by a sweep that saw it silent.
        nodes.compute(node, (id, n) -> {
            if (n == null) {
                result[0] = Heard.NEW_NODE;
                return new Node(now, seq);
            }
            if (seq <= n.lastSeq) {
                result[0] = Heard.REPEATED;
                return n;
            }
            result[0] = now - n.lastHeardNanos > expiryNanos ? Heard.NEW_NODE : Heard.KNOWN_NODE;
            n.lastSeq = seq;
            n.lastHeardNanos = now;
            return n;
        });
        return result[0];
    }

    /** {@code node} said goodbye. Its sequence is forgotten with it: a node never comes back under the same id. */
    void left(String node) {
        nodes.remove(node);
    }

    /**
     * The nodes alive now. Nodes silent for {@link #forgetAfterNanos} are forgotten, so that a cluster whose nodes
     * restart (each start is a new id) does not collect them; that is long after any reconnect, so the sequence
     * numbers that recognise a message sent twice are kept as long as a node may still come back.
     */
    Set<String> alive() {
        long now = nanoClock.getAsLong();
        Set<String> alive = new HashSet<>();
        for (Map.Entry<String, Node> e : nodes.entrySet()) {
            long silent = now - e.getValue().lastHeardNanos;
            if (silent <= expiryNanos) {
                alive.add(e.getKey());
            } else if (silent > forgetAfterNanos) {
                nodes.computeIfPresent(e.getKey(), (id, n) -> now - n.lastHeardNanos > forgetAfterNanos ? null : n);
            }
        }
        return alive;
    }

    /** Nodes remembered, alive or not (tests). */
    int remembered() {
        return nodes.size();
    }
}
