package io.hubbub.server.hub;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One hub's connections on one event loop, by group and by user. Only accessed on that event loop. The per-group and
 * per-user sets are {@link CompactSets}: most users have one connection, many groups one member.
 */
final class HubIndex {

    final Set<ClientConnection> all = new LinkedHashSet<>();
    final Map<String, Set<ClientConnection>> groups = new HashMap<>();
    final Map<String, Set<ClientConnection>> users = new HashMap<>();

    void add(ClientConnection c) {
        all.add(c);
        if (c.userId() != null) {
            addTo(users, c.userId(), c);
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
        if (!c.addGroup(group)) {
            return false;
        }
        addTo(groups, group, c);
        return true;
    }

    /** @return true if the connection was a member */
    boolean leave(ClientConnection c, String group) {
        if (!c.removeGroup(group)) {
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

    private static void addTo(Map<String, Set<ClientConnection>> index, String key, ClientConnection c) {
        index.put(key, CompactSets.with(index.getOrDefault(key, Set.of()), c));
    }

    private static void removeFrom(Map<String, Set<ClientConnection>> index, String key, ClientConnection c) {
        Set<ClientConnection> set = index.get(key);
        if (set == null) {
            return;
        }
        Set<ClientConnection> left = CompactSets.without(set, c);
        if (left.isEmpty()) {
            index.remove(key);
        } else if (left != set) {
            index.put(key, left);
        }
    }
}
