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
    private final LongSupplier nanoClock;

    ClusterNodes(long expiryNanos, LongSupplier nanoClock) {
        this.expiryNanos = expiryNanos;
        this.nanoClock = nanoClock;
    }

    /** Records message {@code seq} from {@code node}. */
    Heard heard(String node, long seq) {
        long now = nanoClock.getAsLong();
        Node n = nodes.get(node);
        if (n == null) {
            nodes.put(node, new Node(now, seq));
            return Heard.NEW_NODE;
        }
        if (seq <= n.lastSeq) {
            return Heard.REPEATED;
        }
        boolean expired = now - n.lastHeardNanos > expiryNanos;
        n.lastSeq = seq;
        n.lastHeardNanos = now;
        return expired ? Heard.NEW_NODE : Heard.KNOWN_NODE;
    }

    /** {@code node} said goodbye. Its sequence is forgotten with it: a node never comes back under the same id. */
    void left(String node) {
        nodes.remove(node);
    }

    /**
     * The nodes alive now. Nodes silent for ten expiries are forgotten, so that a cluster whose nodes restart (each
     * start is a new id) does not collect them.
     */
    Set<String> alive() {
        long now = nanoClock.getAsLong();
        Set<String> alive = new HashSet<>();
        for (Map.Entry<String, Node> e : nodes.entrySet()) {
            long silent = now - e.getValue().lastHeardNanos;
            if (silent <= expiryNanos) {
                alive.add(e.getKey());
            } else if (silent > 10 * expiryNanos) {
                nodes.remove(e.getKey(), e.getValue()); // not if heard again meanwhile (a new entry)
            }
        }
        return alive;
    }

    /** Nodes remembered, alive or not (tests). */
    int remembered() {
        return nodes.size();
    }
}
