package io.hubbub.server.hub.permission;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes the {@link Roles} of new connections. Connections mostly start with one of a few role sets (the ones their
 * tokens are minted with), and the roles' snapshot with its maps and indexes costs some 400 bytes per connection: so
 * connections that start alike share the snapshot of one template. Sharing is safe because a snapshot is immutable;
 * a change to a connection's roles gives that connection a new one. The first {@link #MAX_TEMPLATES} distinct role
 * sets get templates, later ones are not shared. One per node; thread-safe.
 */
public final class RoleTemplates {

    static final int MAX_TEMPLATES = 1024;

    /** By role list; never handed out, so never changed. */
    private final ConcurrentHashMap<List<String>, Roles> templates = new ConcurrentHashMap<>();

    /** New roles from {@code roleStrings}, as {@link Roles#of} makes them. */
    public Roles rolesOf(Collection<String> roleStrings) {
        Roles roles = Roles.of(roleStrings);
        List<String> key = roles.asList();
        Roles template = templates.get(key);
        if (template == null) {
            if (templates.size() >= MAX_TEMPLATES) {
                return roles;
            }
            Roles raced = templates.putIfAbsent(key, roles);
            template = raced != null ? raced : roles;
        }
        return Roles.copyOf(template);
    }
}
