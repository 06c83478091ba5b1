package io.hubbub.server.hub.permission;

import static io.hubbub.server.hub.permission.Permission.JOIN_LEAVE_GROUP;
import static io.hubbub.server.hub.permission.Permission.SEND_TO_GROUP;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoleTemplatesTest {

    private final RoleTemplates templates = new RoleTemplates();

    /** Connections starting with the same roles share one snapshot; a change to one must not reach the others. */
    @Test
    void rolesStartingAlikeShouldChangeIndependently() {
        Roles a = templates.rolesOf(List.of("webpubsub.joinLeaveGroup.general"));
        Roles b = templates.rolesOf(new ArrayList<>(List.of("webpubsub.joinLeaveGroup.general")));

        a.grant(SEND_TO_GROUP, null);
        b.revoke(JOIN_LEAVE_GROUP, "general");
        b.add(List.of("webpubsub.sendToGroup.x"));

        assertThat(a.asList()).containsExactly("webpubsub.joinLeaveGroup.general", "webpubsub.sendToGroup");
        assertThat(a.allows(JOIN_LEAVE_GROUP, "general")).isTrue();
        assertThat(a.allows(SEND_TO_GROUP, "y")).isTrue();
        assertThat(b.asList()).containsExactly("webpubsub.sendToGroup.x");
        assertThat(b.allows(JOIN_LEAVE_GROUP, "general")).isFalse();
        assertThat(b.allows(SEND_TO_GROUP, "y")).isFalse();
        Roles c = templates.rolesOf(List.of("webpubsub.joinLeaveGroup.general"));
        assertThat(c.asList()).as("the template is unchanged").containsExactly("webpubsub.joinLeaveGroup.general");
        assertThat(c.allows(SEND_TO_GROUP, "y")).isFalse();
    }

    @Test
    void rolesShouldBeThoseAskedForInTheOrderFirstGiven() {
        Roles roles = templates.rolesOf(List.of("webpubsub.sendToGroup", "webpubsub.joinLeaveGroup.g",
                "webpubsub.sendToGroup"));

        assertThat(roles.asList()).containsExactly("webpubsub.sendToGroup", "webpubsub.joinLeaveGroup.g");
        assertThat(templates.rolesOf(List.of()).asList()).isEmpty();
    }

    @Test
    void roleSetsPastTheLimitShouldStillGetTheirRoles() {
        for (int i = 0; i < RoleTemplates.MAX_TEMPLATES + 10; i++) {
            Roles roles = templates.rolesOf(List.of("webpubsub.joinLeaveGroup.g" + i));
            assertThat(roles.allows(JOIN_LEAVE_GROUP, "g" + i)).isTrue();
            assertThat(roles.allows(JOIN_LEAVE_GROUP, "g" + (i + 1))).isFalse();
        }
    }
}
