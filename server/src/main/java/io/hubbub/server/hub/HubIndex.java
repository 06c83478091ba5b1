package io.hubbub.server.hub;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** One hub's connections on one event loop, by group and by user. Only accessed on that event loop. */
final class HubIndex {

    final Set<ClientConnection> all = new LinkedHashSet<>();
    final Map<String, Set<ClientConnection>> groups = new HashMap<>();
    final Map<String, Set<ClientConnection>> users = new HashMap<>();

    void add(ClientConnection c) {
        all.add(c);
        if (c.userId() != null) {
            users.computeIfAbsent(c.userId(), k -> new LinkedHashSet<>()).add(c);
        }
    }

    void remove(ClientConnection c) {
        all.remove(c);
        if (c.userId() != null) {
            removeFrom(users, c.userId(), c);
        }
        for (String group : c.groups()) {
            removeFrom(groups, group, c);
        }
    }

    /** @return true if the connection was not yet a member */
    boolean join(ClientConnection c, String group) {
        if (!c.groups().add(group)) {
            return false;
        }
        groups.computeIfAbsent(group, k -> new LinkedHashSet<>()).add(c);
        return true;
    }

    /** @return true if the connection was a member */
    boolean leave(ClientConnection c, String group) {
        if (!c.groups().remove(group)) {
            return false;
        }
        removeFrom(groups, group, c);
        return true;
    }

    Set<ClientConnection> group(String group) {
        return groups.getOrDefault(group, Set.of());
    }

    Set<ClientConnection> user(String userId) {
        return users.getOrDefault(userId, Set.of());
    }

    boolean isEmpty() {
        return all.isEmpty();
    }

    private static void removeFrom(Map<String, Set<ClientConnection>> index, String key, ClientConnection c) {
        Set<ClientConnection> set = index.get(key);
        if (set != null && set.remove(c) && set.isEmpty()) {
            index.remove(key);
        }
    }
}
