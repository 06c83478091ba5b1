package io.hubbub.server.hub.permission;

import static io.hubbub.server.hub.permission.Permission.JOIN_LEAVE_GROUP;
import static io.hubbub.server.hub.permission.Permission.SEND_TO_GROUP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoleGrantTest {

    @Test
    void shouldParseAllGroupsRoles() {
        assertThat(RoleGrant.parse("webpubsub.joinLeaveGroup")).isEqualTo(new RoleGrant.AllGroups(JOIN_LEAVE_GROUP));
        assertThat(RoleGrant.parse("webpubsub.sendToGroup")).isEqualTo(new RoleGrant.AllGroups(SEND_TO_GROUP));
    }

    @Test
    void shouldParseLiteralRolesWithEverythingAfterSecondDot() {
        assertThat(RoleGrant.parse("webpubsub.joinLeaveGroup.general"))
                .isEqualTo(new RoleGrant.OneGroup(JOIN_LEAVE_GROUP, "general"));
        assertThat(RoleGrant.parse("webpubsub.sendToGroup.a.b.c"))
                .isEqualTo(new RoleGrant.OneGroup(SEND_TO_GROUP, "a.b.c"));
        // In a literal role, wildcard characters are just characters.
        assertThat(RoleGrant.parse("webpubsub.sendToGroup.chat-*"))
                .isEqualTo(new RoleGrant.OneGroup(SEND_TO_GROUP, "chat-*"));
        assertThat(RoleGrant.parse("webpubsub.sendToGroup.s.x"))
                .isEqualTo(new RoleGrant.OneGroup(SEND_TO_GROUP, "s.x"));
    }

    @Test
    void shouldParsePatternRoles() {
        assertThat(RoleGrant.parse("webpubsub.joinLeaveGroups.clientA.**"))
                .isEqualTo(new RoleGrant.Pattern(JOIN_LEAVE_GROUP, GroupPattern.compile("clientA.**")));
        assertThat(RoleGrant.parse("webpubsub.sendToGroups.chat-*"))
                .isEqualTo(new RoleGrant.Pattern(SEND_TO_GROUP, GroupPattern.compile("chat-*")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "webpubsub", "webpubsub.", "webpubsub.joinLeaveGroups", "webpubsub.sendToGroups",
            "WebPubSub.sendToGroup", "webpubsub.SendToGroup", "webpubsub.sendtogroup.g", "webpubsub.sendToGroupX",
            "webpubsub.sendToGroupsX.g", "sendToGroup", "admin", "webpubsub.sendToGroup ", " webpubsub.sendToGroup"})
    void shouldGrantNothingForUnknownRoles(String role) {
        assertThat(RoleGrant.parse(role)).isEqualTo(RoleGrant.NOTHING);
    }

    @Test
    void shouldRejectInvalidPatternRoles() {
        assertThatThrownBy(() -> RoleGrant.parse("webpubsub.sendToGroups.******"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RoleGrant.parse("webpubsub.joinLeaveGroups.a\\"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void literalRoleShouldNotValidateAsPattern() {
        assertThat(RoleGrant.parse("webpubsub.sendToGroup.******"))
                .isEqualTo(new RoleGrant.OneGroup(SEND_TO_GROUP, "******"));
        assertThat(RoleGrant.parse("webpubsub.sendToGroup.a\\"))
                .isEqualTo(new RoleGrant.OneGroup(SEND_TO_GROUP, "a\\"));
    }
}
