package io.hubbub.server.gateway;

import static io.hubbub.server.gateway.GatewayFixture.channel;
import static org.assertj.core.api.Assertions.assertThat;

import io.hubbub.protocol.Payload;
import io.hubbub.server.hub.ClientConnection;
import io.hubbub.server.hub.ServerFrames;
import io.hubbub.server.hub.permission.Permission;
import io.hubbub.server.upstream.UserEventOutcome;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** JSON subprotocol requests (PROTOCOL.md §5.3–§5.5) as they arrive through the client's channel. */
class PubSubMessageHandlerTest {

    private static final String JOIN = "webpubsub.joinLeaveGroup";
    private static final String SEND = "webpubsub.sendToGroup";

    private final GatewayFixture fixture = new GatewayFixture();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private static void send(ClientConnection c, String json) {
        channel(c).writeInbound(new TextWebSocketFrame(json));
    }

    private static String ackOk(String ackId) {
        return "{\"type\":\"ack\",\"ackId\":" + ackId + ",\"success\":true}";
    }

    private static String ackError(String ackId, String name, String message) {
        return "{\"type\":\"ack\",\"ackId\":" + ackId + ",\"success\":false,\"error\":{\"name\":\"" + name
                + "\",\"message\":\"" + message + "\"}}";
    }

    @Test
    void pingShouldBeAnsweredWithPong() {
        ClientConnection c = fixture.json("c1", "u1");

        send(c, "{\"type\":\"ping\"}");

        assertThat(fixture.texts(c)).containsExactly("{\"type\":\"pong\"}");
    }

    @Test
    void joinGroupWithPermissionShouldJoinThenAck() {
        ClientConnection c = fixture.json("c1", "u1", "webpubsub.joinLeaveGroup.g1");

        send(c, "{\"type\":\"joinGroup\",\"group\":\"g1\",\"ackId\":1}");

        assertThat(fixture.texts(c)).containsExactly(ackOk("1"));
        assertThat(c.groups()).containsExactly("g1");
        assertThat(fixture.hub.groupExists("chat", "g1")).isTrue();
    }

    @Test
    void leaveGroupShouldLeaveThenAckAndSucceedWhenNotAMember() {
        ClientConnection c = fixture.json("c1", "u1", JOIN);
        fixture.hub.join(c, "g1");

        send(c, "{\"type\":\"leaveGroup\",\"group\":\"g1\",\"ackId\":1}");
        send(c, "{\"type\":\"leaveGroup\",\"group\":\"g1\",\"ackId\":2}");

        assertThat(fixture.texts(c)).containsExactly(ackOk("1"), ackOk("2"));
        assertThat(fixture.hub.groupExists("chat", "g1")).isFalse();
    }

    @Test
    void joinGroupWithoutPermissionShouldBeForbiddenAndKeepTheConnection() {
        ClientConnection c = fixture.json("c1", "u1", "webpubsub.joinLeaveGroup.other", SEND);

        send(c, "{\"type\":\"joinGroup\",\"group\":\"g1\",\"ackId\":1}");

        assertThat(fixture.texts(c)).containsExactly(
                ackError("1", "Forbidden", "No permission to join group 'g1'."));
        assertThat(c.groups()).isEmpty();
        assertThat(fixture.hub.groupExists("chat", "g1")).isFalse();
        assertThat(channel(c).isActive()).isTrue();
        assertThat(c.isClosing()).isFalse();
    }

    @Test
    void aForbiddenRequestMayBeRetriedWithTheSameAckId() {
        ClientConnection c = fixture.json("c1", "u1");

        send(c, "{\"type\":\"joinGroup\",\"group\":\"g1\",\"ackId\":1}");
        c.roles().grant(Permission.JOIN_LEAVE_GROUP, "g1");
        send(c, "{\"type\":\"joinGroup\",\"group\":\"g1\",\"ackId\":1}");

        assertThat(fixture.texts(c)).containsExactly(
                ackError("1", "Forbidden", "No permission to join group 'g1'."), ackOk("1"));
    }

    @Test
    void aRepeatedAckIdShouldBeAnsweredDuplicateWithoutProcessingItAgain() {
        ClientConnection c = fixture.json("c1", "u1", JOIN);

        send(c, "{\"type\":\"joinGroup\",\"group\":\"g1\",\"ackId\":5}");
        send(c, "{\"type\":\"leaveGroup\",\"group\":\"g1\",\"ackId\":5}");
        send(c, "{\"type\":\"joinGroup\",\"group\":\"g1\",\"ackId\":5}");

        assertThat(fixture.texts(c)).containsExactly(ackOk("5"),
                ackError("5", "Duplicate", "Message with ack-id: 5 has been processed"),
                ackError("5", "Duplicate", "Message with ack-id: 5 has been processed"));
        assertThat(c.groups()).as("the leave was not processed").containsExactly("g1");
    }

    @Test
    void duplicatesShouldBeDetectedAcrossRequestTypes() {
        ClientConnection c = fixture.json("c1", "u1", JOIN, SEND);
        fixture.upstream.handledEvents.add("myevent");

        send(c, "{\"type\":\"sendToGroup\",\"group\":\"g1\",\"ackId\":9,\"dataType\":\"text\",\"data\":\"x\"}");
        send(c, "{\"type\":\"event\",\"event\":\"myevent\",\"ackId\":9,\"dataType\":\"text\",\"data\":\"x\"}");

        assertThat(fixture.texts(c)).containsExactly(ackOk("9"),
                ackError("9", "Duplicate", "Message with ack-id: 9 has been processed"));
    }

    @Test
    void ackIdZeroShouldBeARealAckId() {
        ClientConnection c = fixture.json("c1", "u1", JOIN);

        send(c, "{\"type\":\"joinGroup\",\"group\":\"g1\",\"ackId\":0}");
        send(c, "{\"type\":\"joinGroup\",\"group\":\"g1\",\"ackId\":0}");

        assertThat(fixture.texts(c)).containsExactly(ackOk("0"),
                ackError("0", "Duplicate", "Message with ack-id: 0 has been processed"));
    }

    @Test
    void ackIdsBeyond2To53ShouldBeEchoedWithoutLoss() {
        ClientConnection c = fixture.json("c1", "u1", JOIN);

        send(c, "{\"type\":\"joinGroup\",\"group\":\"g1\",\"ackId\":9007199254740993}");
        send(c, "{\"type\":\"joinGroup\",\"group\":\"g2\",\"ackId\":18446744073709551615}");
        send(c, "{\"type\":\"joinGroup\",\"group\":\"g2\",\"ackId\":18446744073709551615}");

        assertThat(fixture.texts(c)).containsExactly(ackOk("9007199254740993"), ackOk("18446744073709551615"),
                ackError("18446744073709551615", "Duplicate",
                        "Message with ack-id: 18446744073709551615 has been processed"));
    }

    @Test
    void sendToGroupShouldAckAndReachEveryMemberIncludingTheSender() {
        ClientConnection sender = fixture.json("c1", "u1", SEND);
        ClientConnection member = fixture.json("c2", "u2");
        ClientConnection outsider = fixture.json("c3", "u3");
        fixture.hub.join(sender, "g1");
        fixture.hub.join(member, "g1");

        send(sender, "{\"type\":\"sendToGroup\",\"group\":\"g1\",\"ackId\":3,\"noEcho\":false,"
                + "\"dataType\":\"json\",\"data\":{\"a\":1}}");

        String message = "{\"type\":\"message\",\"from\":\"group\",\"group\":\"g1\",\"fromUserId\":\"u1\","
                + "\"dataType\":\"json\",\"data\":{\"a\":1}}";
        assertThat(fixture.texts(sender)).containsExactly(ackOk("3"), message);
        assertThat(fixture.texts(member)).containsExactly(message);
        assertThat(fixture.texts(outsider)).isEmpty();
    }

    @Test
    void sendToGroupWithNoEchoShouldSkipTheSender() {
        ClientConnection sender = fixture.json("c1", "u1", "webpubsub.sendToGroup.g1");
        ClientConnection member = fixture.json("c2", "u2");
        fixture.hub.join(sender, "g1");
        fixture.hub.join(member, "g1");

        send(sender, "{\"type\":\"sendToGroup\",\"group\":\"g1\",\"noEcho\":true,\"dataType\":\"binary\","
                + "\"data\":\"AQID\"}");

        assertThat(fixture.texts(sender)).as("no ackId: no ack, and no echo").isEmpty();
        assertThat(fixture.texts(member)).containsExactly("{\"type\":\"message\",\"from\":\"group\","
                + "\"group\":\"g1\",\"fromUserId\":\"u1\",\"dataType\":\"binary\",\"data\":\"AQID\"}");
    }

    @Test
    void sendToGroupFromAnAnonymousSenderShouldOmitFromUserId() {
        ClientConnection sender = fixture.json("c1", null, SEND);
        ClientConnection member = fixture.json("c2", "u2");
        fixture.hub.join(member, "g1");

        send(sender, "{\"type\":\"sendToGroup\",\"group\":\"g1\",\"dataType\":\"text\",\"data\":\"hi\"}");

        assertThat(fixture.texts(member)).containsExactly("{\"type\":\"message\",\"from\":\"group\","
                + "\"group\":\"g1\",\"dataType\":\"text\",\"data\":\"hi\"}");
    }

    @Test
    void sendToGroupWithoutPermissionShouldBeForbiddenAndDeliverNothing() {
        ClientConnection sender = fixture.json("c1", "u1", JOIN, "webpubsub.sendToGroup.other");
        ClientConnection member = fixture.json("c2", "u2");
        fixture.hub.join(member, "g1");

        send(sender, "{\"type\":\"sendToGroup\",\"group\":\"g1\",\"ackId\":4,\"dataType\":\"text\",\"data\":\"x\"}");
        send(sender, "{\"type\":\"sendToGroup\",\"group\":\"g1\",\"dataType\":\"text\",\"data\":\"y\"}");

        assertThat(fixture.texts(sender)).containsExactly(
                ackError("4", "Forbidden", "No permission to send to group 'g1'."));
        assertThat(fixture.texts(member)).isEmpty();
    }

    @Test
    void eventWithoutAHandlerShouldBeAckedNotFound() {
        ClientConnection c = fixture.json("c1", "u1");

        send(c, "{\"type\":\"event\",\"event\":\"myevent\",\"ackId\":6,\"dataType\":\"json\",\"data\":{\"b\":2}}");
        send(c, "{\"type\":\"event\",\"event\":\"myevent\",\"dataType\":\"text\",\"data\":\"dropped\"}");

        assertThat(fixture.texts(c)).containsExactly(
                ackError("6", "NotFound", "No event handler is configured for event 'myevent'."));
        assertThat(c.isClosing()).isFalse();
    }

    @Test
    void eventWithAHandlerShouldBeAckedOnceTheHandlerAnswered() {
        ClientConnection c = fixture.json("c1", "u1");
        fixture.upstream.handledEvents.add("myevent");
        CompletableFuture<UserEventOutcome> answer = new CompletableFuture<>();
        fixture.upstream.nextOutcome = answer;

        send(c, "{\"type\":\"event\",\"event\":\"myevent\",\"ackId\":6,\"dataType\":\"json\",\"data\":{\"b\":2}}");

        assertThat(fixture.texts(c)).as("not before the handler answered").isEmpty();
        assertThat(fixture.upstream.userEvents).containsExactly("c1: myevent");
        assertThat(fixture.upstream.userEventPayloads).containsExactly(
                Payload.json("{\"b\":2}".getBytes(StandardCharsets.UTF_8)));
        answer.complete(new UserEventOutcome.Handled(null));
        assertThat(fixture.texts(c)).containsExactly(ackOk("6"));
    }

    @Test
    void eventReplyShouldReachTheSenderBeforeTheAck() {
        ClientConnection c = fixture.json("c1", "u1");
        fixture.upstream.handledEvents.add("myevent");
        fixture.upstream.nextOutcome = CompletableFuture.completedFuture(
                new UserEventOutcome.Handled(Payload.text("pong!")));

        send(c, "{\"type\":\"event\",\"event\":\"myevent\",\"ackId\":6,\"dataType\":\"text\",\"data\":\"x\"}");

        assertThat(fixture.texts(c)).containsExactly(
                "{\"type\":\"message\",\"from\":\"server\",\"dataType\":\"text\",\"data\":\"pong!\"}",
                ackOk("6"));
    }

    @Test
    void aFailedEventWithAnAckIdShouldBeAckedInternalServerErrorAndMayBeRetried() {
        ClientConnection c = fixture.json("c1", "u1");
        fixture.upstream.handledEvents.add("myevent");
        fixture.upstream.nextOutcome = CompletableFuture.completedFuture(new UserEventOutcome.Failed("HTTP 500"));
        String event = "{\"type\":\"event\",\"event\":\"myevent\",\"ackId\":6,\"dataType\":\"text\",\"data\":\"x\"}";

        send(c, event);
        fixture.upstream.nextOutcome = CompletableFuture.completedFuture(new UserEventOutcome.Handled(null));
        send(c, event);

        assertThat(fixture.texts(c)).containsExactly(
                ackError("6", "InternalServerError", "The event handler failed: HTTP 500"), ackOk("6"));
        assertThat(c.isClosing()).isFalse();
    }

    @Test
    void aFailedEventWithoutAnAckIdShouldCloseTheConnectionWith1011() {
        ClientConnection c = fixture.json("c1", "u1");
        fixture.upstream.handledEvents.add("myevent");
        fixture.upstream.nextOutcome = CompletableFuture.completedFuture(new UserEventOutcome.Failed("timeout"));

        send(c, "{\"type\":\"event\",\"event\":\"myevent\",\"dataType\":\"text\",\"data\":\"x\"}");

        List<ServerFrames.Frame> frames = fixture.frames(c);
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).text()).startsWith("{\"type\":\"system\",\"event\":\"disconnected\"");
        assertThat(frames.get(1).closeCode()).isEqualTo(1011);
    }

    @Test
    void framesAfterAnEventShouldWaitUntilTheHandlerAnswered() {
        ClientConnection c = fixture.json("c1", "u1", JOIN);
        fixture.upstream.handledEvents.add("myevent");
        CompletableFuture<UserEventOutcome> answer = new CompletableFuture<>();
        fixture.upstream.nextOutcome = answer;

        send(c, "{\"type\":\"event\",\"event\":\"myevent\",\"ackId\":1,\"dataType\":\"text\",\"data\":\"x\"}");
        send(c, "{\"type\":\"joinGroup\",\"group\":\"g1\",\"ackId\":2}");
        send(c, "{\"type\":\"ping\"}");

        assertThat(fixture.texts(c)).isEmpty();
        assertThat(c.groups()).isEmpty();
        assertThat(channel(c).config().isAutoRead()).as("reading paused while frames wait").isFalse();

        answer.complete(new UserEventOutcome.Handled(null));

        assertThat(fixture.texts(c)).containsExactly(ackOk("1"), ackOk("2"), "{\"type\":\"pong\"}");
        assertThat(c.groups()).containsExactly("g1");
        assertThat(channel(c).config().isAutoRead()).isTrue();
    }

    @Test
    void invokeShouldBeAnsweredNotSupported() {
        ClientConnection c = fixture.json("c1", "u1");

        send(c, "{\"type\":\"invoke\",\"invocationId\":\"inv-1\",\"target\":\"event\",\"event\":\"e\","
                + "\"dataType\":\"text\",\"data\":\"x\"}");

        assertThat(fixture.texts(c)).containsExactly("{\"type\":\"invokeResponse\",\"invocationId\":\"inv-1\","
                + "\"success\":false,\"error\":{\"name\":\"NotSupported\","
                + "\"message\":\"Invocations are not supported by this service.\"}}");
    }

    @Test
    void malformedRequestsShouldBeAckedBadRequestWhenTheAckIdIsReadable() {
        ClientConnection c = fixture.json("c1", "u1", JOIN, SEND);

        send(c, "{\"type\":\"joinGroup\",\"ackId\":7}");
        send(c, "{\"type\":\"teleport\",\"ackId\":8}");
        send(c, "{\"type\":\"sendToGroup\",\"group\":\"g1\",\"ackId\":10,\"dataType\":\"binary\",\"data\":\"%%%\"}");

        assertThat(fixture.texts(c)).hasSize(3).allSatisfy(ack -> assertThat(ack)
                .startsWith("{\"type\":\"ack\",\"ackId\":")
                .contains("\"success\":false,\"error\":{\"name\":\"BadRequest\",\"message\":\""));
        assertThat(c.isClosing()).isFalse();
    }

    @Test
    void malformedRequestsWithoutAReadableAckIdShouldBeIgnored() {
        ClientConnection c = fixture.json("c1", "u1", JOIN);

        send(c, "not json at all");
        send(c, "{\"type\":\"joinGroup\"}");
        send(c, "[]");
        send(c, "{\"type\":\"ping\"}");

        assertThat(fixture.texts(c)).containsExactly("{\"type\":\"pong\"}");
        assertThat(channel(c).isActive()).isTrue();
    }

    @Test
    void invalidGroupNamesShouldBeAckedBadRequest() {
        ClientConnection c = fixture.json("c1", "u1", JOIN, SEND);

        send(c, "{\"type\":\"joinGroup\",\"group\":\"\",\"ackId\":1}");
        send(c, "{\"type\":\"sendToGroup\",\"group\":\"   \",\"ackId\":2,\"dataType\":\"text\",\"data\":\"x\"}");
        send(c, "{\"type\":\"joinGroup\",\"group\":\"" + "g".repeat(1025) + "\",\"ackId\":3}");

        assertThat(fixture.texts(c)).containsExactly(
                ackError("1", "BadRequest", "The group name must not be empty."),
                ackError("2", "BadRequest", "The group name must not be only whitespace."),
                ackError("3", "BadRequest", "The group name must be at most 1024 characters."));
        assertThat(c.groups()).isEmpty();
    }

    @Test
    void binaryFramesAndSequenceAcksShouldBeIgnored() {
        ClientConnection c = fixture.json("c1", "u1", JOIN);

        channel(c).writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(
                "{\"type\":\"joinGroup\",\"group\":\"g1\",\"ackId\":1}".getBytes(StandardCharsets.UTF_8))));
        send(c, "{\"type\":\"sequenceAck\",\"sequenceId\":3}");
        send(c, "{\"type\":\"cancelInvocation\",\"invocationId\":\"inv-1\"}");

        assertThat(fixture.texts(c)).isEmpty();
        assertThat(c.groups()).isEmpty();
    }
}
