package io.hubbub.conformance.python;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * {@code grant_permission}, {@code revoke_permission} and {@code has_permission} through the Python SDK, observed
 * in the acks a JSON client gets for {@code joinGroup}, {@code leaveGroup} and {@code sendToGroup} (PROTOCOL.md §8).
 */
class PythonSdkPermissionsIT extends PythonSdkFixture {

    private static final String JOIN = "joinLeaveGroup";
    private static final String SEND = "sendToGroup";

    @Test
    void grantAndRevokeForOneGroupChangeTheJoinGroupAck() {
        Client c = jsonClient("u");
        assertThat(ack(c, "joinGroup", "vip", 1).path("error").path("name").asText()).isEqualTo("Forbidden");
        assertThat(hasPermission(JOIN, c, "vip")).isFalse();

        sdk("grant_permission", "permission", JOIN, "connection_id", c.id(), "target_name", "vip");
        assertThat(hasPermission(JOIN, c, "vip")).isTrue();
        assertThat(hasPermission(JOIN, c, "vip2")).as("granted for vip only").isFalse();
        assertThat(hasPermission(JOIN, c, null)).as("not for all groups").isFalse();
        assertThat(hasPermission(SEND, c, "vip")).as("joining is not sending").isFalse();
        assertThat(ack(c, "joinGroup", "vip", 2).path("success").asBoolean()).isTrue();
        assertThat(ack(c, "joinGroup", "vip2", 3).path("error").path("name").asText()).isEqualTo("Forbidden");

        sdk("revoke_permission", "permission", JOIN, "connection_id", c.id(), "target_name", "vip");
        assertThat(hasPermission(JOIN, c, "vip")).isFalse();
        JsonNode denied = ack(c, "leaveGroup", "vip", 4);
        assertThat(denied.path("success").asBoolean()).isFalse();
        assertThat(denied.path("error").path("name").asText()).isEqualTo("Forbidden");
        assertThat(denied.path("error").hasNonNull("message")).isTrue();
    }

    @Test
    void grantWithoutTargetCoversEveryGroup() {
        Client c = jsonClient("u");
        sdk("grant_permission", "permission", SEND, "connection_id", c.id());
        assertThat(hasPermission(SEND, c, null)).isTrue();
        assertThat(hasPermission(SEND, c, "any")).isTrue();
        assertThat(ack(c, "sendToGroup", "any", 1).path("success").asBoolean()).isTrue();

        sdk("revoke_permission", "permission", SEND, "connection_id", c.id());
        assertThat(hasPermission(SEND, c, null)).isFalse();
        assertThat(hasPermission(SEND, c, "any")).isFalse();
        assertThat(ack(c, "sendToGroup", "any", 2).path("error").path("name").asText()).isEqualTo("Forbidden");
    }

    @Test
    void tokenRolesCountAndRevokeRemovesALiteralOne() {
        Client c = jsonClient("u", "webpubsub.joinLeaveGroup.lobby", "webpubsub.joinLeaveGroups.chat-*");
        assertThat(hasPermission(JOIN, c, "lobby")).isTrue();
        assertThat(hasPermission(JOIN, c, "chat-1")).as("pattern role").isTrue();
        assertThat(hasPermission(JOIN, c, "chat.1")).as("* stops at a dot").isFalse();

        sdk("revoke_permission", "permission", JOIN, "connection_id", c.id(), "target_name", "lobby");
        assertThat(hasPermission(JOIN, c, "lobby")).isFalse();
        assertThat(ack(c, "joinGroup", "lobby", 1).path("error").path("name").asText()).isEqualTo("Forbidden");

        sdk("revoke_permission", "permission", JOIN, "connection_id", c.id(), "target_name", "chat-1");
        assertThat(hasPermission(JOIN, c, "chat-1")).as("pattern roles stay").isTrue();
        assertThat(ack(c, "joinGroup", "chat-1", 2).path("success").asBoolean()).isTrue();
    }

    @Test
    void unknownConnections() {
        PythonSdkDriver.Result error = sdkError("grant_permission", "permission", JOIN, "connection_id", "no-such",
                "target_name", "g");
        assertThat(error.type()).isEqualTo("ResourceNotFoundError");
        assertThat(error.status()).isEqualTo(404);
        assertThat(sdkCheck("has_permission", "permission", JOIN, "connection_id", "no-such", "target_name", "g"))
                .isFalse();
        sdk("revoke_permission", "permission", JOIN, "connection_id", "no-such", "target_name", "g");
    }

    private boolean hasPermission(String permission, Client c, String group) {
        return group == null
                ? sdkCheck("has_permission", "permission", permission, "connection_id", c.id())
                : sdkCheck("has_permission", "permission", permission, "connection_id", c.id(), "target_name", group);
    }

    /** Sends a group request and returns its ack, the next frame. */
    private static JsonNode ack(Client c, String type, String group, int ackId) {
        String data = type.equals("sendToGroup") ? ",\"dataType\":\"text\",\"data\":\"x\",\"noEcho\":true" : "";
        c.ws().sendText("{\"type\":\"" + type + "\",\"group\":\"" + group + "\",\"ackId\":" + ackId + data + "}");
        JsonNode ack = c.next();
        assertThat(ack.path("type").asText()).as("%s", ack).isEqualTo("ack");
        assertThat(ack.path("ackId").asInt()).as("%s", ack).isEqualTo(ackId);
        return ack;
    }
}
