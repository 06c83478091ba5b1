package io.hubbub.server.hub;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Node-wide facts any thread may ask: which connection has an id, and whether a group or user has members. Written
 * on the owning event loop whenever an index changes, read from REST threads and by publishers to skip event loops
 * with nothing to do.
 */
final class ConnectionDirectory {

    private final ConcurrentHashMap<String, ClientConnection> connections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counts> hubs = new ConcurrentHashMap<>();

    private static final class Counts {
        final ConcurrentHashMap<String, Integer> groups = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, Integer> users = new ConcurrentHashMap<>();
    }

    void add(ClientConnection c) {
        connections.put(c.connectionId(), c);
        if (c.userId() != null) {
            increment(counts(c.hub()).users, c.userId());
        }
    }

    void remove(ClientConnection c) {
        connections.remove(c.connectionId(), c);
        Counts counts = counts(c.hub());
        if (c.userId() != null) {
            decrement(counts.users, c.userId());
        }
        for (String group : c.groups()) {
            decrement(counts.groups, group);
        }
    }

    void joined(String hub, String group) {
        increment(counts(hub).groups, group);
    }

    void left(String hub, String group) {
        decrement(counts(hub).groups, group);
    }

    /** The connection with {@code id} in {@code hub}, or null. */
    ClientConnection connection(String hub, String id) {
        ClientConnection c = connections.get(id);
        return c != null && c.hub().equals(hub) ? c : null;
    }

    boolean groupExists(String hub, String group) {
        Counts counts = hubs.get(hub);
        return counts != null && counts.groups.containsKey(group);
    }

    boolean userExists(String hub, String userId) {
        Counts counts = hubs.get(hub);
        return counts != null && counts.users.containsKey(userId);
    }

    int connectionCount() {
        return connections.size();
    }

    private Counts counts(String hub) {
        return hubs.computeIfAbsent(hub, h -> new Counts());
    }

    private static void increment(ConcurrentHashMap<String, Integer> map, String key) {
        map.merge(key, 1, Integer::sum);
    }

    private static void decrement(ConcurrentHashMap<String, Integer> map, String key) {
        map.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }
}
