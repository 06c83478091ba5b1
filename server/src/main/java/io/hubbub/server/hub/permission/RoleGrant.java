package io.hubbub.server.hub.permission;

/** What one role string grants, parsed once when the role is added to a connection. */
sealed interface RoleGrant {

    /** {@code webpubsub.<permission>}: every group. */
    record AllGroups(Permission permission) implements RoleGrant {
    }

    /** {@code webpubsub.<permission>.<group>}: exactly one group; the group may contain dots. */
    record OneGroup(Permission permission, String group) implements RoleGrant {
    }

    /** {@code webpubsub.<permission>s.<pattern>}: every group the pattern matches. */
    record Pattern(Permission permission, GroupPattern pattern) implements RoleGrant {
    }

    /** A role Hubbub does not know, or a pattern role with an invalid pattern: kept, grants nothing. */
    record Nothing() implements RoleGrant {
    }

    RoleGrant NOTHING = new Nothing();

    /**
     * Parses a role string. Prefixes compare case-sensitively, as the cloud's role names do.
     *
     * @throws IllegalArgumentException if it is a pattern role whose pattern does not compile
     */
    static RoleGrant parse(String role) {
        for (Permission permission : Permission.values()) {
            if (role.equals(permission.allGroupsRole())) {
                return new AllGroups(permission);
            }
            if (role.startsWith(permission.literalRolePrefix())) {
                return new OneGroup(permission, role.substring(permission.literalRolePrefix().length()));
            }
            if (role.startsWith(permission.patternRolePrefix())) {
                String pattern = role.substring(permission.patternRolePrefix().length());
                return new Pattern(permission, GroupPattern.compile(pattern));
            }
        }
        return NOTHING;
    }
}
