package io.hubbub.conformance.js;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Messages through {@code @azure/web-pubsub-client} 1.0.4 on {@code WebPubSubJsonProtocol()}: what
 * {@code sendToGroup} delivers to other clients, {@code noEcho}, ack de-duplication, and the data types the
 * {@code group-message} and {@code server-message} events hand to JS code.
 */
class JsClientSdkMessagingIT extends JsClientFixture {

    private static final byte[] BYTES = {0, 1, 2, (byte) 0xfe, (byte) 0xff};

    @Test
    void sendToGroupReachesEveryMemberWithTheSendersUserId() {
        JsClient alice = started("alice", JOIN, SEND);
        JsClient bob = started("bob", JOIN);
        Peer observer = peer("observer");
        Peer outsider = peer("outsider");
        alice.invoke("joinGroup", "room");
        bob.invoke("joinGroup", "room");
        service.group("room").invoke("addConnection", observer.id());

        JsonNode result = alice.invoke("sendToGroup", "room", "hello", "text");

        assertThat(result.path("isDuplicated").asBoolean()).isFalse();
        assertThat(result.path("ackId").isNumber()).as("%s", result).isTrue();
        JsonNode received = bob.nextEvent("group-message").path("message");
        assertThat(received.path("kind").asText()).isEqualTo("groupData");
        assertThat(received.path("group").asText()).isEqualTo("room");
        assertThat(received.path("fromUserId").asText()).isEqualTo("alice");
        assertThat(received.path("dataType").asText()).isEqualTo("text");
        assertThat(received.path("jsType").asText()).isEqualTo("string");
        assertThat(received.path("data").asText()).isEqualTo("hello");
        assertThat(received.has("sequenceId")).as("no sequenceId on the non-reliable protocol: %s", received).isFalse();

        JsonNode observed = observer.next();
        assertThat(observed.path("from").asText()).isEqualTo("group");
        assertThat(observed.path("group").asText()).isEqualTo("room");
        assertThat(observed.path("fromUserId").asText()).isEqualTo("alice");
        assertThat(observed.path("data").asText()).isEqualTo("hello");

        // noEcho defaults to false: the sender, a member, gets its own message too
        assertThat(alice.nextDataMessage().path("data").asText()).isEqualTo("hello");
        assertNothingBeforeMarker(outsider);
        assertNothingBeforeMarker(alice, bob);
    }

    @Test
    void anAnonymousSendersMessagesCarryNoUserId() {
        JsClient anonymous = started(null, SEND);
        JsClient bob = started("bob", JOIN);
        Peer observer = peer("observer");
        bob.invoke("joinGroup", "room");
        service.group("room").invoke("addConnection", observer.id());

        assertThat(anonymous.connectionId()).isNotEmpty();
        anonymous.invoke("sendToGroup", "room", "who am I", "text");

        JsonNode received = bob.nextDataMessage();
        assertThat(received.path("data").asText()).isEqualTo("who am I");
        assertThat(received.has("fromUserId")).as("%s", received).isFalse();
        JsonNode observed = observer.next();
        assertThat(observed.has("fromUserId")).as("%s", observed).isFalse();
    }

    @Test
    void noEchoKeepsTheSendersOwnMessageFromIt() {
        JsClient alice = started("alice", JOIN, SEND);
        JsClient bob = started("bob", JOIN);
        alice.invoke("joinGroup", "room");
        bob.invoke("joinGroup", "room");

        alice.invoke("sendToGroup", "room", "quiet", "text", Map.of("noEcho", true));
        assertThat(bob.nextDataMessage().path("data").asText()).isEqualTo("quiet");
        assertNothingBeforeMarker(alice);

        alice.invoke("sendToGroup", "room", "loud", "text", Map.of("noEcho", false));
        assertThat(bob.nextDataMessage().path("data").asText()).isEqualTo("loud");
        assertThat(alice.nextDataMessage().path("data").asText()).isEqualTo("loud");
    }

    @Test
    void fireAndForgetSendToGroupIsDelivered() {
        JsClient alice = started("alice", SEND);
        Peer member = peer("m");
        service.group("room").invoke("addConnection", member.id());

        alice.invoke("sendToGroup", "room", Map.of("fire", "forget"), "json", Map.of("fireAndForget", true));

        JsonNode message = member.next();
        assertThat(message.path("dataType").asText()).isEqualTo("json");
        assertThat(message.path("data").path("fire").asText()).isEqualTo("forget");
    }

    @Test
    void aRepeatedAckIdResolvesAsDuplicatedAndIsNotDeliveredTwice() {
        JsClient alice = started("alice", JOIN, SEND);
        Peer member = peer("m");
        service.group("room").invoke("addConnection", member.id());

        JsonNode first = alice.invoke("sendToGroup", "room", "once", "text", Map.of("ackId", 41));
        JsonNode second = alice.invoke("sendToGroup", "room", "once", "text", Map.of("ackId", 41));

        assertThat(first.path("ackId").asLong()).isEqualTo(41);
        assertThat(first.path("isDuplicated").asBoolean()).isFalse();
        assertThat(second.path("ackId").asLong()).isEqualTo(41);
        assertThat(second.path("isDuplicated").asBoolean()).isTrue();
        assertThat(member.next().path("data").asText()).isEqualTo("once");
        assertNothingBeforeMarker(member);

        JsonNode joined = alice.invoke("joinGroup", "g", Map.of("ackId", 42));
        JsonNode joinedAgain = alice.invoke("joinGroup", "g", Map.of("ackId", 42));
        assertThat(joined.path("isDuplicated").asBoolean()).isFalse();
        assertThat(joinedAgain.path("isDuplicated").asBoolean()).isTrue();
    }

    @Test
    void groupMessagesArriveWithTheDataTypeTheyWereSentWith() {
        JsClient alice = started("alice", SEND);
        JsClient bob = started("bob", JOIN);
        Peer javaMember = peer("j");
        bob.invoke("joinGroup", "types");
        service.group("types").invoke("addConnection", javaMember.id());

        alice.invoke("sendToGroup", "types", Map.of("x", 1, "nested", Map.of("y", List.of(1, 2))), "json");
        JsonNode object = bob.nextDataMessage();
        assertThat(object.path("dataType").asText()).isEqualTo("json");
        assertThat(object.path("jsType").asText()).isEqualTo("object");
        assertThat(object.path("data").path("x").asInt()).isEqualTo(1);
        assertThat(object.path("data").path("nested").path("y").get(1).asInt()).isEqualTo(2);
        assertThat(javaMember.next().path("data").path("nested").path("y").get(0).asInt()).isEqualTo(1);

        alice.invoke("sendToGroup", "types", "just a string", "json");
        JsonNode string = bob.nextDataMessage();
        assertThat(string.path("dataType").asText()).isEqualTo("json");
        assertThat(string.path("jsType").asText()).isEqualTo("string");
        assertThat(string.path("data").asText()).isEqualTo("just a string");
        assertThat(javaMember.next().path("data").asText()).isEqualTo("just a string");

        alice.invoke("sendToGroup", "types", 7, "json");
        JsonNode number = bob.nextDataMessage();
        assertThat(number.path("jsType").asText()).isEqualTo("number");
        assertThat(number.path("data").asInt()).isEqualTo(7);
        assertThat(javaMember.next().path("data").asInt()).isEqualTo(7);

        alice.invoke("sendToGroup", "types", "{\"not\":\"json\"} ünïcödé", "text");
        JsonNode text = bob.nextDataMessage();
        assertThat(text.path("dataType").asText()).isEqualTo("text");
        assertThat(text.path("jsType").asText()).isEqualTo("string");
        assertThat(text.path("data").asText()).isEqualTo("{\"not\":\"json\"} ünïcödé");
        assertThat(javaMember.next().path("dataType").asText()).isEqualTo("text");

        alice.invoke("sendToGroup", "types", binary(BYTES, "ArrayBuffer"), "binary");
        JsonNode bin = bob.nextDataMessage();
        assertThat(bin.path("dataType").asText()).isEqualTo("binary");
        assertThat(bin.path("jsType").asText()).isEqualTo("ArrayBuffer");
        assertThat(bytesOf(bin.path("data"))).isEqualTo(BYTES);
        JsonNode javaBin = javaMember.next();
        assertThat(javaBin.path("dataType").asText()).isEqualTo("binary");
        assertThat(Base64.getDecoder().decode(javaBin.path("data").asText())).isEqualTo(BYTES);
    }

    @Test
    void aSimpleClientInTheGroupGetsRawFrames() {
        JsClient alice = started("alice", SEND);
        var simple = simplePeer("s");
        service.group("raw").invoke("addUser", "s");

        alice.invoke("sendToGroup", "raw", Map.of("a", 1), "json");
        assertThat(simple.nextText()).isEqualTo("{\"a\":1}");
        alice.invoke("sendToGroup", "raw", "txt", "text");
        assertThat(simple.nextText()).isEqualTo("txt");
        alice.invoke("sendToGroup", "raw", binary(BYTES, "ArrayBuffer"), "binary");
        assertThat(simple.next().binaryData()).isEqualTo(BYTES);
    }

    @Test
    void serverMessagesArriveWithTheirDataType() {
        JsClient alice = started("alice");

        service.invoke("sendToAll", "plain text", TEXT);
        JsonNode text = alice.nextEvent("server-message").path("message");
        assertThat(text.path("kind").asText()).isEqualTo("serverData");
        assertThat(text.path("dataType").asText()).isEqualTo("text");
        assertThat(text.path("jsType").asText()).isEqualTo("string");
        assertThat(text.path("data").asText()).isEqualTo("plain text");
        assertThat(text.has("sequenceId")).as("%s", text).isFalse();

        service.invoke("sendToUser", "alice", Map.of("k", List.of("v")));
        JsonNode json = alice.nextEvent("server-message").path("message");
        assertThat(json.path("dataType").asText()).isEqualTo("json");
        assertThat(json.path("jsType").asText()).isEqualTo("object");
        assertThat(json.path("data").path("k").get(0).asText()).isEqualTo("v");

        service.invoke("sendToConnection", alice.connectionId(), binary(BYTES, "Buffer"));
        JsonNode bin = alice.nextEvent("server-message").path("message");
        assertThat(bin.path("dataType").asText()).isEqualTo("binary");
        assertThat(bin.path("jsType").asText()).isEqualTo("ArrayBuffer");
        assertThat(bytesOf(bin.path("data"))).isEqualTo(BYTES);

        service.invoke("sendToAll", "a json string");
        JsonNode jsonString = alice.nextEvent("server-message").path("message");
        assertThat(jsonString.path("dataType").asText()).isEqualTo("json");
        assertThat(jsonString.path("jsType").asText()).isEqualTo("string");
        assertThat(jsonString.path("data").asText()).isEqualTo("a json string");
    }

    @Test
    void aRestSendToAGroupIsAServerMessage() {
        JsClient member = started("member", JOIN);
        member.invoke("joinGroup", "g");

        service.group("g").invoke("sendToAll", "from the app server", TEXT);

        JsonNode message = member.nextEvent("server-message").path("message");
        assertThat(message.path("data").asText()).isEqualTo("from the app server");
        assertThat(message.has("group")).as("%s", message).isFalse();
    }

    @Test
    void aGroupFilterOnARestSendSeesGroupsJoinedByTheClient() {
        JsClient inRoom = started("a", JOIN);
        JsClient elsewhere = started("b", JOIN);
        inRoom.invoke("joinGroup", "room");
        elsewhere.invoke("joinGroup", "lobby");

        service.invoke("sendToAll", "room only", Map.of("contentType", "text/plain", "filter", "'room' in groups"));

        assertThat(inRoom.nextDataMessage().path("data").asText()).isEqualTo("room only");
        assertNothingBeforeMarker(inRoom, elsewhere);
    }

    @Test
    void joinGroupRightAfterStartResolvesIsHonoured() {
        // start() resolves when the socket opens, before the connected message: the join follows the 101 at once
        JsClient alice = jsClient("alice", clientUrl("alice", JOIN));
        alice.invoke("start");
        alice.invoke("joinGroup", "early");

        alice.nextEvent("connected");
        service.group("early").invoke("sendToAll", "you made it", TEXT);
        assertThat(alice.nextDataMessage().path("data").asText()).isEqualTo("you made it");
    }

    @Test
    void largeMessagesArriveWhole() {
        JsClient alice = started("alice", SEND);
        JsClient bob = started("bob", JOIN);
        bob.invoke("joinGroup", "big");
        String big = "0123456789abcdef".repeat(16 * 1024); // 256 KiB

        alice.invoke("sendToGroup", "big", big, "text");
        assertThat(bob.nextDataMessage().path("data").asText()).isEqualTo(big);

        service.invoke("sendToAll", big, TEXT);
        assertThat(alice.nextDataMessage().path("data").asText()).isEqualTo(big);
        assertThat(bob.nextDataMessage().path("data").asText()).isEqualTo(big);
    }

    @Test
    void ackIdsFromZeroToTheLargestSafeIntegerAreEchoed() {
        JsClient alice = started("alice", JOIN);
        for (long ackId : new long[] {0, 1L << 31, (1L << 53) - 1}) {
            JsonNode result = alice.invoke("joinGroup", "g" + ackId, Map.of("ackId", ackId));
            assertThat(result.path("ackId").asLong()).isEqualTo(ackId);
            assertThat(result.path("isDuplicated").asBoolean()).as("ackId %s", ackId).isFalse();
        }
    }

    @Test
    void groupNamesWithSpacesSlashesAndNonAsciiWorkFromBothSides() {
        String group = "grp #1/ä?x&y=z";
        JsClient alice = started("alice", JOIN, SEND);
        Peer javaMember = peer("j");
        alice.invoke("joinGroup", group);
        service.group(group).invoke("addConnection", javaMember.id());

        service.group(group).invoke("sendToAll", "from REST", TEXT);
        assertThat(alice.nextDataMessage().path("data").asText()).isEqualTo("from REST");
        assertThat(javaMember.next().path("data").asText()).isEqualTo("from REST");

        alice.invoke("sendToGroup", group, "from the client", "text", Map.of("noEcho", true));
        JsonNode received = javaMember.next();
        assertThat(received.path("group").asText()).isEqualTo(group);
        assertThat(received.path("data").asText()).isEqualTo("from the client");

        assertThat(service.group(group).listConnections(Map.of())).hasSize(2);
        alice.invoke("leaveGroup", group);
        assertThat(service.group(group).listConnections(Map.of())).hasSize(1);
    }
}
