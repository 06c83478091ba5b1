package io.hubbub.server.hub.permission;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PermissionTest {

    @Test
    void shouldResolveCanonicalPathSegments() {
        assertThat(Permission.fromPathSegment("joinLeaveGroup")).isEqualTo(Permission.JOIN_LEAVE_GROUP);
        assertThat(Permission.fromPathSegment("sendToGroup")).isEqualTo(Permission.SEND_TO_GROUP);
    }

    @Test
    void shouldResolvePathSegmentsIgnoringCase() {
        assertThat(Permission.fromPathSegment("JOINLEAVEGROUP")).isEqualTo(Permission.JOIN_LEAVE_GROUP);
        assertThat(Permission.fromPathSegment("sendtogroup")).isEqualTo(Permission.SEND_TO_GROUP);
        assertThat(Permission.fromPathSegment("SendToGroup")).isEqualTo(Permission.SEND_TO_GROUP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "join", "joinLeaveGroups", "sendToGroups", "SEND_TO_GROUP", " sendToGroup",
            "webpubsub.sendToGroup"})
    void shouldReturnNullForUnknownSegments(String segment) {
        assertThat(Permission.fromPathSegment(segment)).isNull();
    }

    @Test
    void shouldReturnNullForNullSegment() {
        assertThat(Permission.fromPathSegment(null)).isNull();
    }

    @Test
    void shouldRoundTripPathSegment() {
        for (Permission permission : Permission.values()) {
            assertThat(Permission.fromPathSegment(permission.pathSegment())).isEqualTo(permission);
        }
    }

    @Test
    void shouldBuildRoleStrings() {
        assertThat(Permission.JOIN_LEAVE_GROUP.role(null)).isEqualTo("webpubsub.joinLeaveGroup");
        assertThat(Permission.SEND_TO_GROUP.role(null)).isEqualTo("webpubsub.sendToGroup");
        assertThat(Permission.SEND_TO_GROUP.role("a.b")).isEqualTo("webpubsub.sendToGroup.a.b");
        assertThat(Permission.JOIN_LEAVE_GROUP.role("g")).isEqualTo("webpubsub.joinLeaveGroup.g");
    }
}
