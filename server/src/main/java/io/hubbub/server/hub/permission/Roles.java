package io.hubbub.server.hub.permission;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's roles from all sources (token 'role' claim, connect response, REST grants). Thread-safe: reads are
 * lock-free on an immutable snapshot, writes copy-on-write (writes are rare).
 *
 * <p>Sources are not told apart: the connect response adds to the token's roles (PROTOCOL.md §8.2) and a REST revoke
 * removes the literal role whichever source it came from (§8.3). Each role string is parsed once, when first added, so
 * an invalid pattern is logged once per connection and then kept as a role that grants nothing.
 */
public final class Roles {

    private static final Logger log = LoggerFactory.getLogger(Roles.class);

    /**
     * One lock for the writes of every connection's roles rather than an object per connection: writes are rare
     * (the connect response, REST grants and revokes) and short.
     */
    private static final Object WRITE_LOCK = new Object();

    /** Replaced wholesale while holding {@link #WRITE_LOCK}; read without locking. */
    private volatile Snapshot snapshot;

    private Roles(Snapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** Unknown role strings are kept (harmless); invalid patterns grant nothing and are logged once. */
    public static Roles of(Collection<String> roleStrings) {
        Roles roles = new Roles(Snapshot.EMPTY);
        roles.add(roleStrings);
        return roles;
    }

    /**
     * Roles starting as {@code other}'s are now, sharing its immutable snapshot until either changes (see
     * {@link RoleTemplates}).
     */
    public static Roles copyOf(Roles other) {
        return new Roles(other.snapshot);
    }

    /** Union with {@code roleStrings} (e.g. the connect response's roles). */
    public void add(Collection<String> roleStrings) {
        if (roleStrings == null || roleStrings.isEmpty()) {
            return;
        }
        synchronized (WRITE_LOCK) {
            Map<String, RoleGrant> grants = null;
            for (String role : roleStrings) {
                if (role == null || snapshot.grants.containsKey(role) || (grants != null && grants.containsKey(role))) {
                    continue;
                }
                if (grants == null) {
                    grants = new LinkedHashMap<>(snapshot.grants);
                }
                grants.put(role, parseLogging(role));
            }
            if (grants != null) {
                snapshot = new Snapshot(grants);
            }
        }
    }

    /** REST grant: adds the literal role for {@code groupOrNull}; null means all groups. */
    public void grant(Permission permission, String groupOrNull) {
        Objects.requireNonNull(permission, "permission");
        if (groupOrNull != null && groupOrNull.isEmpty()) {
            throw new IllegalArgumentException("group name must not be empty");
        }
        String role = permission.role(groupOrNull);
        synchronized (WRITE_LOCK) {
            if (snapshot.grants.containsKey(role)) {
                return;
            }
            Map<String, RoleGrant> grants = new LinkedHashMap<>(snapshot.grants);
            grants.put(role, groupOrNull == null
                    ? new RoleGrant.AllGroups(permission)
                    : new RoleGrant.OneGroup(permission, groupOrNull));
            snapshot = new Snapshot(grants);
        }
    }

    /**
     * REST revoke: removes the literal role for {@code groupOrNull} (null: the all-groups role) from every source.
     * Pattern roles stay, so the connection may still be allowed on that group afterwards.
     */
    public void revoke(Permission permission, String groupOrNull) {
        Objects.requireNonNull(permission, "permission");
        String role = permission.role(groupOrNull);
        synchronized (WRITE_LOCK) {
            if (!snapshot.grants.containsKey(role)) {
                return;
            }
            Map<String, RoleGrant> grants = new LinkedHashMap<>(snapshot.grants);
            grants.remove(role);
            snapshot = new Snapshot(grants);
        }
    }

    /** May this connection join/leave ({@code JOIN_LEAVE_GROUP}) or send to ({@code SEND_TO_GROUP}) {@code group}? */
    public boolean allows(Permission permission, String group) {
        if (group == null) {
            return false;
        }
        return snapshot.index(permission).allows(group);
    }

    /** REST HEAD check: with a group, {@link #allows}; with null, only the all-groups role counts. */
    public boolean check(Permission permission, String groupOrNull) {
        if (groupOrNull == null) {
            return snapshot.index(permission).allGroups;
        }
        return allows(permission, groupOrNull);
    }

    /** The current role strings in the order they were first added, for diagnostics and upstream events. */
    public List<String> asList() {
        return snapshot.roleList;
    }

    @Override
    public String toString() {
        return "Roles" + asList();
    }

    private static RoleGrant parseLogging(String role) {
        try {
            return RoleGrant.parse(role);
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring role '{}': {}", role, e.getMessage());
            return RoleGrant.NOTHING;
        }
    }

    /** One permission's grants, indexed for the check: a flag, a hash set, and the few real patterns. */
    private record Index(boolean allGroups, Set<String> groups, GroupPattern[] patterns) {
        static final Index NONE = new Index(false, Set.of(), new GroupPattern[0]);

        boolean allows(String group) {
            if (allGroups || groups.contains(group)) {
                return true;
            }
            for (GroupPattern pattern : patterns) {
                if (pattern.matches(group)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Immutable: the role strings with what each grants, and an index per permission derived from them. */
    private static final class Snapshot {
        static final Snapshot EMPTY = new Snapshot(Map.of());

        final Map<String, RoleGrant> grants;
        final List<String> roleList;
        private final Index[] byPermission;

        Snapshot(Map<String, RoleGrant> grants) {
            this.grants = Collections.unmodifiableMap(grants);
            this.roleList = List.copyOf(grants.keySet());
            Permission[] permissions = Permission.values();
            this.byPermission = new Index[permissions.length];
            for (Permission permission : permissions) {
                byPermission[permission.ordinal()] = buildIndex(permission, grants.values());
            }
        }

        Index index(Permission permission) {
            return byPermission[permission.ordinal()];
        }

        private static Index buildIndex(Permission permission, Collection<RoleGrant> grants) {
            boolean all = false;
            Set<String> groups = new HashSet<>();
            List<GroupPattern> patterns = new ArrayList<>();
            for (RoleGrant grant : grants) {
                if (grant instanceof RoleGrant.AllGroups a && a.permission() == permission) {
                    all = true;
                } else if (grant instanceof RoleGrant.OneGroup g && g.permission() == permission) {
                    groups.add(g.group());
                } else if (grant instanceof RoleGrant.Pattern p && p.permission() == permission) {
                    // A wildcard-free pattern (e.g. literal\*star) is one group: check it by hash like a literal role.
                    String literal = p.pattern().literalOrNull();
                    if (literal != null) {
                        groups.add(literal);
                    } else {
                        patterns.add(p.pattern());
                    }
                }
            }
            if (!all && groups.isEmpty() && patterns.isEmpty()) {
                return Index.NONE;
            }
            return new Index(all, Set.copyOf(groups), patterns.toArray(new GroupPattern[0]));
        }
    }
}
