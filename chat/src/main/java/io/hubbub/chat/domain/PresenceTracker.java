package io.hubbub.chat.domain;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Who is online, counted by connection so that a user with three tabs goes offline only when the last one closes.
 * Fed by the service's {@code connected}/{@code disconnected} events. Those are retried on failure, so a repeated
 * event must change nothing, and a {@code connected} retried after its {@code disconnected} must not bring a closed
 * connection back: recently ended connection ids are remembered for that.
 */
public final class PresenceTracker {

    private static final int ENDED_REMEMBERED = 10_000;

    // all guarded by this
    private final Map<String, Set<String>> connectionsByUser = new HashMap<>();
    private final Set<String> ended = new LinkedHashSet<>();

    /** True if this made {@code user} come online (their first open connection). */
    public synchronized boolean connected(String user, String connectionId) {
        if (ended.contains(connectionId)) {
            return false;
        }
        Set<String> connections = connectionsByUser.computeIfAbsent(user, u -> new HashSet<>());
        return connections.add(connectionId) && connections.size() == 1;
    }

    /** True if this made {@code user} go offline (their last open connection closed). */
    public synchronized boolean disconnected(String user, String connectionId) {
        ended.add(connectionId);
        if (ended.size() > ENDED_REMEMBERED) {
            ended.remove(ended.iterator().next());
        }
        Set<String> connections = connectionsByUser.get(user);
        if (connections == null || !connections.remove(connectionId)) {
            return false;
        }
        if (connections.isEmpty()) {
            connectionsByUser.remove(user);
            return true;
        }
        return false;
    }

    public synchronized int connections(String user) {
        Set<String> connections = connectionsByUser.get(user);
        return connections == null ? 0 : connections.size();
    }

    public boolean isOnline(String user) {
        return connections(user) > 0;
    }
}
