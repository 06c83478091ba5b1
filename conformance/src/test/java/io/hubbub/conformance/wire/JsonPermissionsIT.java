package io.hubbub.conformance.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Roles on JSON-subprotocol requests (PROTOCOL.md §5.3, §5.4, §8): {@code Forbidden} without a matching role and
 * the connection stays; literal, all-groups and pattern roles; {@code noEcho}; no {@code fromUserId} for anonymous
 * senders.
 */
class JsonPermissionsIT extends WireFixture {

    private static String join(String group, int ackId) {
        return "{\"type\":\"joinGroup\",\"group\":\"" + group + "\",\"ackId\":" + ackId + "}";
    }

    private static String send(String group, String text, int ackId, Boolean noEcho) {
        return "{\"type\":\"sendToGroup\",\"group\":\"" + group + "\",\"ackId\":" + ackId
                + (noEcho == null ? "" : ",\"noEcho\":" + noEcho) + ",\"dataType\":\"text\",\"data\":\"" + text + "\"}";
    }

    private static void expectGroupText(Client c, String group, String text) {
        JsonNode m = c.next();
        assertThat(m.path("type").asText()).as("%s", m).isEqualTo("message");
        assertThat(m.path("from").asText()).isEqualTo("group");
        assertThat(m.path("group").asText()).isEqualTo(group);
        assertThat(m.path("dataType").asText()).isEqualTo("text");
        assertThat(m.path("data").asText()).isEqualTo(text);
    }

    @Test
    void joinAndSendWithoutRolesAreForbidden() {
        Client member = json("member", List.of(), List.of("g"));
        Client c = json("nobody");
        c.send(join("g", 1));
        c.expectAckError("1", "Forbidden");
        c.send("{\"type\":\"leaveGroup\",\"group\":\"g\",\"ackId\":2}");
        c.expectAckError("2", "Forbidden");
        c.send(send("g", "not allowed", 3, null));
        c.expectAckError("3", "Forbidden");
        c.send("{\"type\":\"sendToGroup\",\"group\":\"g\",\"dataType\":\"text\",\"data\":\"silent\"}");
        c.ping();
        // the refused join did not join: a group send reaches the member only
        assertThat(rest.post("/api/hubs/" + hub + "/groups/g/:send", "text/plain", "to g").statusCode())
                .isEqualTo(202);
        assertThat(member.next().path("data").asText()).isEqualTo("to g");
        assertStillServing(member, c);
    }

    @Test
    void groupSpecificRolesGrantThatGroupOnly() {
        Client member = json("member", List.of(), List.of("g", "other"));
        Client c = json("u1", "webpubsub.joinLeaveGroup.g", "webpubsub.sendToGroup.g");
        c.send(join("g", 1));
        c.expectAck("1");
        c.send(join("g", 10));
        c.expectAck("10"); // joining again succeeds
        c.send("{\"type\":\"leaveGroup\",\"group\":\"g\",\"ackId\":11}");
        c.expectAck("11");
        c.send("{\"type\":\"leaveGroup\",\"group\":\"g\",\"ackId\":12}");
        c.expectAck("12"); // leaving a group not joined succeeds
        c.send(join("g", 13));
        c.expectAck("13");
        c.send(join("other", 2));
        c.expectAckError("2", "Forbidden");
        c.send(join("g.sub", 3));
        c.expectAckError("3", "Forbidden");
        c.send(send("other", "no", 4, null));
        c.expectAckError("4", "Forbidden");
        c.send(send("g", "yes", 5, true));
        c.expectAck("5");
        expectGroupText(member, "g", "yes");
        assertStillServing(member, c);
    }

    @Test
    void allGroupsSendRoleAllowsAnyGroup() {
        Client a = json("a", List.of(), List.of("g1"));
        Client b = json("b", List.of(), List.of("g2"));
        Client c = json("u1", "webpubsub.sendToGroup");
        c.send(send("g1", "one", 1, null));
        c.expectAck("1");
        c.send(send("g2", "two", 2, null));
        c.expectAck("2");
        c.send(join("g1", 3));
        c.expectAckError("3", "Forbidden");
        expectGroupText(a, "g1", "one");
        expectGroupText(b, "g2", "two");
        assertStillServing(a, b, c);
    }

    @Test
    void patternRoleMatchesOneLevel() {
        Client c = json("u1", "webpubsub.joinLeaveGroups.chat-*");
        c.send(join("chat-1", 1));
        c.expectAck("1");
        c.send(join("chat-", 2));
        c.expectAck("2");
        c.send(join("chat.1", 3));
        c.expectAckError("3", "Forbidden");
        c.send(join("chat-1.x", 4));
        c.expectAckError("4", "Forbidden");
        c.send(join("xchat-1", 5));
        c.expectAckError("5", "Forbidden");
        c.send(send("chat-1", "no send role", 6, null));
        c.expectAckError("6", "Forbidden");
        assertThat(rest.method("HEAD", "/api/hubs/" + hub + "/groups/chat-1").statusCode()).isEqualTo(200);
        assertThat(rest.method("HEAD", "/api/hubs/" + hub + "/groups/chat.1").statusCode()).isEqualTo(404);
        assertStillServing(c);
    }

    @Test
    void noEchoDecidesWhetherTheSenderGetsItsOwnMessage() {
        Client other = json("other", List.of(), List.of("g"));
        Client sender = json("sender", List.of("webpubsub.sendToGroup"), List.of("g"));
        sender.send(send("g", "echoed", 1, false));
        JsonNode first = sender.next();
        JsonNode second = sender.next();
        // ack and own message may come in either order
        JsonNode own = first.path("type").asText().equals("ack") ? second : first;
        assertThat(List.of(first.path("type").asText(), second.path("type").asText()))
                .containsExactlyInAnyOrder("ack", "message");
        assertThat(own.path("data").asText()).isEqualTo("echoed");
        assertThat(own.path("fromUserId").asText()).isEqualTo("sender");

        sender.send(send("g", "default", 2, null));
        assertThat(List.of(sender.next().path("type").asText(), sender.next().path("type").asText()))
                .as("noEcho absent = false").containsExactlyInAnyOrder("ack", "message");

        sender.send(send("g", "not echoed", 3, true));
        sender.expectAck("3");
        expectGroupText(other, "g", "echoed");
        expectGroupText(other, "g", "default");
        expectGroupText(other, "g", "not echoed");
        assertStillServing(sender, other);
    }

    @Test
    void anonymousSenderHasNoFromUserId() {
        String group = uniqueName("g");
        String previousHub = hub;
        hub = "anon";
        Client receiver = json("receiver", List.of(), List.of(group));
        Client anonymous = connectJson(ws("/client/hubs/anon"), Map.of());
        assertThat(anonymous.connected().has("userId")).isFalse();
        assertThat(rest.method("PUT", "/api/hubs/anon/permissions/sendToGroup/connections/"
                + anonymous.connectionId() + "?targetName=" + group).statusCode()).isEqualTo(200);
        anonymous.send(send(group, "from nobody", 1, true));
        anonymous.expectAck("1");
        JsonNode m = receiver.next();
        assertThat(m.path("data").asText()).isEqualTo("from nobody");
        assertThat(m.has("fromUserId")).as("no fromUserId in %s", m).isFalse();

        // a token without sub is anonymous too
        hub = previousHub;
        Client member = json("member", List.of(), List.of("g"));
        Client noSub = json(null, "webpubsub.sendToGroup");
        assertThat(noSub.connected().has("userId")).isFalse();
        noSub.send(send("g", "no sub", 1, null));
        noSub.expectAck("1");
        JsonNode m2 = member.next();
        assertThat(m2.path("data").asText()).isEqualTo("no sub");
        assertThat(m2.has("fromUserId")).as("no fromUserId in %s", m2).isFalse();
        assertStillServing(member, noSub);
    }
}
