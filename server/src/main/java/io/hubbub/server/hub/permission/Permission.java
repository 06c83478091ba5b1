package io.hubbub.server.hub.permission;

import java.util.Locale;

/**
 * A client permission on groups (PROTOCOL.md §8). Each has three role forms: all groups
 * ({@code webpubsub.sendToGroup}), one literal group ({@code webpubsub.sendToGroup.<group>}) and a pattern
 * ({@code webpubsub.sendToGroups.<pattern>}, plural).
 */
public enum Permission {
    JOIN_LEAVE_GROUP("joinLeaveGroup"),
    SEND_TO_GROUP("sendToGroup");

    private static final String ROLE_PREFIX = "webpubsub.";

    private final String pathSegment;
    private final String allGroupsRole;
    private final String literalRolePrefix;
    private final String patternRolePrefix;

    Permission(String pathSegment) {
        this.pathSegment = pathSegment;
        this.allGroupsRole = ROLE_PREFIX + pathSegment;
        this.literalRolePrefix = allGroupsRole + '.';
        this.patternRolePrefix = allGroupsRole + "s.";
    }

    /** REST path segment "joinLeaveGroup" / "sendToGroup" (case-insensitive); returns null if unknown. */
    public static Permission fromPathSegment(String segment) {
        if (segment == null) {
            return null;
        }
        String lower = segment.toLowerCase(Locale.ROOT);
        for (Permission permission : values()) {
            if (permission.pathSegment.toLowerCase(Locale.ROOT).equals(lower)) {
                return permission;
            }
        }
        return null;
    }

    /** The canonical REST path segment, e.g. {@code sendToGroup}. */
    public String pathSegment() {
        return pathSegment;
    }

    /** The literal role granting this permission on {@code group}, or on all groups when it is null. */
    public String role(String groupOrNull) {
        return groupOrNull == null ? allGroupsRole : literalRolePrefix + groupOrNull;
    }

    String allGroupsRole() {
        return allGroupsRole;
    }

    String literalRolePrefix() {
        return literalRolePrefix;
    }

    String patternRolePrefix() {
        return patternRolePrefix;
    }
}
