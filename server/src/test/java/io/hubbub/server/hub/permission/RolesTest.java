package io.hubbub.server.hub.permission;

import static io.hubbub.server.hub.permission.Permission.JOIN_LEAVE_GROUP;
import static io.hubbub.server.hub.permission.Permission.SEND_TO_GROUP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolesTest {

    @Test
    void noRolesShouldAllowNothing() {
        Roles roles = Roles.of(List.of());
        for (Permission permission : Permission.values()) {
            assertThat(roles.allows(permission, "g")).isFalse();
            assertThat(roles.check(permission, "g")).isFalse();
            assertThat(roles.check(permission, null)).isFalse();
        }
        assertThat(roles.asList()).isEmpty();
        assertThat(Roles.of(null).asList()).isEmpty();
    }

    @Test
    void allGroupsRoleShouldAllowEveryGroupOfItsPermissionOnly() {
        Roles roles = Roles.of(List.of("webpubsub.sendToGroup"));
        assertThat(roles.allows(SEND_TO_GROUP, "anything")).isTrue();
        assertThat(roles.allows(SEND_TO_GROUP, "a.b.c")).isTrue();
        assertThat(roles.allows(JOIN_LEAVE_GROUP, "anything")).isFalse();
        assertThat(roles.check(SEND_TO_GROUP, null)).isTrue();
        assertThat(roles.check(JOIN_LEAVE_GROUP, null)).isFalse();
    }

    @Test
    void literalRoleShouldAllowExactlyItsGroup() {
        Roles roles = Roles.of(List.of("webpubsub.joinLeaveGroup.general", "webpubsub.sendToGroup.a.b"));
        assertThat(roles.allows(JOIN_LEAVE_GROUP, "general")).isTrue();
        assertThat(roles.allows(JOIN_LEAVE_GROUP, "General")).isFalse();
        assertThat(roles.allows(JOIN_LEAVE_GROUP, "general2")).isFalse();
        assertThat(roles.allows(SEND_TO_GROUP, "general")).isFalse();
        assertThat(roles.allows(SEND_TO_GROUP, "a.b")).isTrue();
        assertThat(roles.allows(SEND_TO_GROUP, "a")).isFalse();
        assertThat(roles.check(JOIN_LEAVE_GROUP, null)).isFalse();
    }

    @Test
    void literalRoleShouldTreatWildcardCharactersLiterally() {
        Roles roles = Roles.of(List.of("webpubsub.sendToGroup.chat-*"));
        assertThat(roles.allows(SEND_TO_GROUP, "chat-*")).isTrue();
        assertThat(roles.allows(SEND_TO_GROUP, "chat-1")).isFalse();
    }

    @Test
    void patternRolesShouldAllowMatchingGroups() {
        Roles roles = Roles.of(List.of(
                "webpubsub.joinLeaveGroups.clientA.*",
                "webpubsub.sendToGroups.clientA.**",
                "webpubsub.sendToGroups.chat-*"));
        assertThat(roles.allows(JOIN_LEAVE_GROUP, "clientA.alpha")).isTrue();
        assertThat(roles.allows(JOIN_LEAVE_GROUP, "clientA.alpha.room1")).isFalse();
        assertThat(roles.allows(SEND_TO_GROUP, "clientA.alpha.room1")).isTrue();
        assertThat(roles.allows(SEND_TO_GROUP, "chat-1")).isTrue();
        assertThat(roles.allows(SEND_TO_GROUP, "chat.1")).isFalse();
        assertThat(roles.allows(JOIN_LEAVE_GROUP, "chat-1")).isFalse();
        assertThat(roles.check(SEND_TO_GROUP, "chat-1")).isTrue();
        assertThat(roles.check(SEND_TO_GROUP, null)).isFalse();
    }

    @Test
    void wildcardFreePatternRoleShouldActAsItsLiteral() {
        Roles roles = Roles.of(List.of("webpubsub.sendToGroups.literal\\*star"));
        assertThat(roles.allows(SEND_TO_GROUP, "literal*star")).isTrue();
        assertThat(roles.allows(SEND_TO_GROUP, "literalXstar")).isFalse();
        assertThat(roles.allows(SEND_TO_GROUP, "literal\\*star")).isFalse();
    }

    @Test
    void unknownRolesShouldBeKeptAndGrantNothing() {
        Roles roles = Roles.of(List.of("admin", "webpubsub.SendToGroup", "webpubsub.sendToGroup.g"));
        assertThat(roles.asList()).containsExactly("admin", "webpubsub.SendToGroup", "webpubsub.sendToGroup.g");
        assertThat(roles.allows(SEND_TO_GROUP, "other")).isFalse();
        assertThat(roles.allows(SEND_TO_GROUP, "g")).isTrue();
    }

    @Test
    void invalidPatternRolesShouldBeKeptButGrantNothing() {
        Roles roles = Roles.of(List.of("webpubsub.sendToGroups.******", "webpubsub.joinLeaveGroups.a\\",
                "webpubsub.sendToGroups.ok-*"));
        assertThat(roles.asList()).hasSize(3);
        assertThat(roles.allows(SEND_TO_GROUP, "anything")).isFalse();
        assertThat(roles.allows(SEND_TO_GROUP, "ok-1")).isTrue();
        assertThat(roles.allows(JOIN_LEAVE_GROUP, "a\\")).isFalse();
        assertThat(roles.allows(JOIN_LEAVE_GROUP, "a")).isFalse();
    }

    @Test
    void addShouldTakeTheUnionKeepingFirstOrderAndDroppingDuplicatesAndNulls() {
        Roles roles = Roles.of(List.of("webpubsub.joinLeaveGroup.a", "webpubsub.sendToGroup.a"));
        roles.add(Arrays.asList("webpubsub.sendToGroup.b", null, "webpubsub.joinLeaveGroup.a",
                "webpubsub.sendToGroup.b"));
        assertThat(roles.asList()).containsExactly(
                "webpubsub.joinLeaveGroup.a", "webpubsub.sendToGroup.a", "webpubsub.sendToGroup.b");
        assertThat(roles.allows(JOIN_LEAVE_GROUP, "a")).isTrue();
        assertThat(roles.allows(SEND_TO_GROUP, "a")).isTrue();
        assertThat(roles.allows(SEND_TO_GROUP, "b")).isTrue();
        roles.add(null);
        roles.add(List.of());
        assertThat(roles.asList()).hasSize(3);
    }

    @Test
    void grantShouldAddLiteralRoles() {
        Roles roles = Roles.of(List.of());
        roles.grant(SEND_TO_GROUP, "g.1");
        roles.grant(JOIN_LEAVE_GROUP, null);
        assertThat(roles.asList()).containsExactly("webpubsub.sendToGroup.g.1", "webpubsub.joinLeaveGroup");
        assertThat(roles.allows(SEND_TO_GROUP, "g.1")).isTrue();
        assertThat(roles.allows(SEND_TO_GROUP, "g.2")).isFalse();
        assertThat(roles.allows(JOIN_LEAVE_GROUP, "any")).isTrue();
        assertThat(roles.check(JOIN_LEAVE_GROUP, null)).isTrue();
        assertThat(roles.check(SEND_TO_GROUP, null)).isFalse();
    }

    @Test
    void grantShouldBeLiteralEvenWithWildcardCharacters() {
        Roles roles = Roles.of(List.of());
        roles.grant(SEND_TO_GROUP, "chat-*");
        assertThat(roles.allows(SEND_TO_GROUP, "chat-*")).isTrue();
        assertThat(roles.allows(SEND_TO_GROUP, "chat-1")).isFalse();
    }

    @Test
    void grantShouldBeIdempotent() {
        Roles roles = Roles.of(List.of("webpubsub.sendToGroup.g"));
        roles.grant(SEND_TO_GROUP, "g");
        roles.grant(SEND_TO_GROUP, "g");
        assertThat(roles.asList()).containsExactly("webpubsub.sendToGroup.g");
    }

    @Test
    void grantShouldRejectEmptyGroupAndNullPermission() {
        Roles roles = Roles.of(List.of());
        assertThatThrownBy(() -> roles.grant(SEND_TO_GROUP, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> roles.grant(null, "g")).isInstanceOf(NullPointerException.class);
        assertThat(roles.asList()).isEmpty();
    }

    @Test
    void revokeShouldRemoveTheLiteralRoleWhateverItsSource() {
        Roles roles = Roles.of(List.of("webpubsub.sendToGroup.fromToken"));
        roles.add(List.of("webpubsub.sendToGroup.fromConnect"));
        roles.grant(SEND_TO_GROUP, "fromRest");
        roles.revoke(SEND_TO_GROUP, "fromToken");
        roles.revoke(SEND_TO_GROUP, "fromConnect");
        roles.revoke(SEND_TO_GROUP, "fromRest");
        assertThat(roles.asList()).isEmpty();
        assertThat(roles.allows(SEND_TO_GROUP, "fromToken")).isFalse();
        assertThat(roles.allows(SEND_TO_GROUP, "fromConnect")).isFalse();
        assertThat(roles.allows(SEND_TO_GROUP, "fromRest")).isFalse();
    }

    @Test
    void revokeWithoutGroupShouldRemoveOnlyTheAllGroupsRole() {
        Roles roles = Roles.of(List.of("webpubsub.joinLeaveGroup", "webpubsub.joinLeaveGroup.g",
                "webpubsub.sendToGroup"));
        roles.revoke(JOIN_LEAVE_GROUP, null);
        assertThat(roles.check(JOIN_LEAVE_GROUP, null)).isFalse();
        assertThat(roles.allows(JOIN_LEAVE_GROUP, "other")).isFalse();
        assertThat(roles.allows(JOIN_LEAVE_GROUP, "g")).isTrue();
        assertThat(roles.check(SEND_TO_GROUP, null)).isTrue();
    }

    @Test
    void revokeOfOneGroupShouldNotTouchTheAllGroupsRole() {
        Roles roles = Roles.of(List.of("webpubsub.sendToGroup"));
        roles.revoke(SEND_TO_GROUP, "g");
        assertThat(roles.allows(SEND_TO_GROUP, "g")).isTrue();
        assertThat(roles.asList()).containsExactly("webpubsub.sendToGroup");
    }

    @Test
    void revokeShouldLeavePatternRoles() {
        Roles roles = Roles.of(List.of("webpubsub.sendToGroups.chat-*", "webpubsub.sendToGroup.chat-1",
                "webpubsub.sendToGroups.solo"));
        roles.revoke(SEND_TO_GROUP, "chat-1");
        roles.revoke(SEND_TO_GROUP, "solo");
        assertThat(roles.asList()).containsExactly("webpubsub.sendToGroups.chat-*", "webpubsub.sendToGroups.solo");
        assertThat(roles.allows(SEND_TO_GROUP, "chat-1")).isTrue();
        assertThat(roles.allows(SEND_TO_GROUP, "solo")).isTrue();
    }

    @Test
    void revokeOfLiteralShouldKeepGroupIfAWildcardFreePatternAlsoNamesIt() {
        Roles roles = Roles.of(List.of("webpubsub.sendToGroup.room", "webpubsub.sendToGroups.room"));
        roles.revoke(SEND_TO_GROUP, "room");
        assertThat(roles.allows(SEND_TO_GROUP, "room")).isTrue();
    }

    @Test
    void revokeOfAbsentRoleShouldDoNothing() {
        Roles roles = Roles.of(List.of("webpubsub.sendToGroup.g"));
        roles.revoke(JOIN_LEAVE_GROUP, "g");
        roles.revoke(SEND_TO_GROUP, "h");
        roles.revoke(SEND_TO_GROUP, null);
        assertThat(roles.asList()).containsExactly("webpubsub.sendToGroup.g");
    }

    @Test
    void grantAfterRevokeShouldRestoreTheRole() {
        Roles roles = Roles.of(List.of("webpubsub.sendToGroup.g"));
        roles.revoke(SEND_TO_GROUP, "g");
        roles.grant(SEND_TO_GROUP, "g");
        assertThat(roles.allows(SEND_TO_GROUP, "g")).isTrue();
    }

    @Test
    void checkWithGroupShouldConsiderEverySource() {
        Roles roles = Roles.of(List.of("webpubsub.joinLeaveGroup.t", "webpubsub.joinLeaveGroups.p.*"));
        roles.add(List.of("webpubsub.joinLeaveGroup.c"));
        roles.grant(JOIN_LEAVE_GROUP, "r");
        assertThat(roles.check(JOIN_LEAVE_GROUP, "t")).isTrue();
        assertThat(roles.check(JOIN_LEAVE_GROUP, "c")).isTrue();
        assertThat(roles.check(JOIN_LEAVE_GROUP, "r")).isTrue();
        assertThat(roles.check(JOIN_LEAVE_GROUP, "p.x")).isTrue();
        assertThat(roles.check(JOIN_LEAVE_GROUP, "p.x.y")).isFalse();
        assertThat(roles.check(JOIN_LEAVE_GROUP, null)).isFalse();
    }

    @Test
    void checkWithoutGroupShouldIgnoreMatchAllPatterns() {
        Roles roles = Roles.of(List.of("webpubsub.sendToGroups.**"));
        assertThat(roles.allows(SEND_TO_GROUP, "a.b")).isTrue();
        assertThat(roles.check(SEND_TO_GROUP, null)).isFalse();
    }

    @Test
    void allowsShouldRejectNullGroup() {
        Roles roles = Roles.of(List.of("webpubsub.sendToGroup", "webpubsub.sendToGroups.**"));
        assertThat(roles.allows(SEND_TO_GROUP, null)).isFalse();
    }

    @Test
    void asListShouldBeAnImmutableSnapshot() {
        List<String> source = new ArrayList<>(List.of("webpubsub.sendToGroup.a"));
        Roles roles = Roles.of(source);
        source.add("webpubsub.sendToGroup.b");
        List<String> before = roles.asList();
        roles.grant(SEND_TO_GROUP, "c");
        assertThat(before).containsExactly("webpubsub.sendToGroup.a");
        assertThat(roles.asList()).containsExactly("webpubsub.sendToGroup.a", "webpubsub.sendToGroup.c");
        assertThatThrownBy(() -> before.add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(roles).hasToString("Roles[webpubsub.sendToGroup.a, webpubsub.sendToGroup.c]");
    }

    @Test
    void tokenRolesFromTheSdksShouldWork() {
        Roles roles = Roles.of(List.of("webpubsub.joinLeaveGroup.general", "webpubsub.sendToGroup.general"));
        assertThat(roles.allows(JOIN_LEAVE_GROUP, "general")).isTrue();
        assertThat(roles.allows(SEND_TO_GROUP, "general")).isTrue();
        assertThat(roles.allows(SEND_TO_GROUP, "random")).isFalse();
    }
}
