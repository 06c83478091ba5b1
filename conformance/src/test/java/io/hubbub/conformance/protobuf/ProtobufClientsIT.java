package io.hubbub.conformance.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.hubbub.protocol.protobuf.generated.WebPubSubProto.DownstreamMessage;
import io.hubbub.protocol.protobuf.generated.WebPubSubProto.MessageData;
import io.hubbub.protocol.protobuf.generated.WebPubSubProto.UpstreamMessage;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.TestWebSocket;
import io.hubbub.testkit.TestWebSocket.Frame;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code protobuf.webpubsub.azure.v1} and its reliable variant on the socket, and messages crossing freely between
 * simple, JSON, reliable JSON and protobuf clients in one group, each in its own representation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtobufClientsIT {

    static final String PROTOBUF = "protobuf.webpubsub.azure.v1";
    static final String PROTOBUF_RELIABLE = "protobuf.reliable.webpubsub.azure.v1";
    private static final String ROLES = "webpubsub.joinLeaveGroup";
    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.start();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void protobufClientConnectsJoinsSendsAndIsAcked() throws Exception {
        TestWebSocket ws = TestWebSocket.connect(server.clientUrl("pb", "ann", ROLES, "webpubsub.sendToGroup"), PROTOBUF);
        assertThat(ws.subprotocol()).isEqualTo(PROTOBUF);
        DownstreamMessage connected = next(ws);
        assertThat(connected.getSystemMessage().getConnectedMessage().getUserId()).isEqualTo("ann");
        assertThat(connected.getSystemMessage().getConnectedMessage().hasReconnectionToken()).isFalse();

        send(ws, UpstreamMessage.newBuilder().setJoinGroupMessage(
                UpstreamMessage.JoinGroupMessage.newBuilder().setGroup("g").setAckId(0)).build());
        DownstreamMessage joinAck = next(ws);
        assertThat(joinAck.getAckMessage().getAckId()).isZero();
        assertThat(joinAck.getAckMessage().getSuccess()).isTrue();

        send(ws, UpstreamMessage.newBuilder().setSendToGroupMessage(UpstreamMessage.SendToGroupMessage.newBuilder()
                .setGroup("g").setAckId(7).setData(MessageData.newBuilder().setTextData("hello"))).build());
        DownstreamMessage first = next(ws);
        DownstreamMessage second = next(ws);
        DownstreamMessage echo = first.hasDataMessage() ? first : second;
        DownstreamMessage ack = first.hasAckMessage() ? first : second;
        assertThat(echo.getDataMessage().getFrom()).isEqualTo("group");
        assertThat(echo.getDataMessage().getGroup()).isEqualTo("g");
        assertThat(echo.getDataMessage().getData().getTextData()).isEqualTo("hello");
        assertThat(echo.getDataMessage().hasSequenceId()).isFalse();
        assertThat(ack.getAckMessage().getAckId()).isEqualTo(7);

        send(ws, UpstreamMessage.newBuilder().setJoinGroupMessage(
                UpstreamMessage.JoinGroupMessage.newBuilder().setGroup("").setAckId(8)).build());
        assertThat(next(ws).getAckMessage().getError().getName()).isEqualTo("BadRequest");

        send(ws, UpstreamMessage.newBuilder().setPingMessage(UpstreamMessage.PingMessage.getDefaultInstance()).build());
        assertThat(next(ws).hasPongMessage()).isTrue();
        ws.close();
    }

    @Test
    void oneGroupMessageReachesEveryClientKindInItsOwnRepresentation() throws Exception {
        TestWebSocket simple = TestWebSocket.connect(server.clientUrl("mix", "s"));
        TestWebSocket json = server.jsonClient("mix", "j", ROLES, "webpubsub.sendToGroup");
        TestWebSocket reliableJson = TestWebSocket.connect(server.clientUrl("mix", "rj", ROLES),
                "json.reliable.webpubsub.azure.v1");
        reliableJson.nextJson();
        TestWebSocket protobuf = TestWebSocket.connect(server.clientUrl("mix", "p", ROLES), PROTOBUF);
        next(protobuf);
        TestWebSocket reliableProtobuf = TestWebSocket.connect(server.clientUrl("mix", "rp", ROLES, "webpubsub.sendToGroup"),
                PROTOBUF_RELIABLE);
        assertThat(next(reliableProtobuf).getSystemMessage().getConnectedMessage().getReconnectionToken()).isNotEmpty();

        join(json, reliableJson);
        joinProtobuf(protobuf, reliableProtobuf);
        // The simple client joins through its user (server-side group operations need no role).
        String path = "/api/hubs/mix/users/s/groups/room";
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.endpoint() + path)).header("Authorization", "Bearer "
                + io.hubbub.testkit.ClientTokens.sign(java.util.Map.of("aud", server.endpoint() + path,
                "exp", System.currentTimeMillis() / 1000 + 600), TestServer.ACCESS_KEY))
                .PUT(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());

        byte[] bytes = {1, 2, 3};
        send(reliableProtobuf, UpstreamMessage.newBuilder().setSendToGroupMessage(UpstreamMessage.SendToGroupMessage
                .newBuilder().setGroup("room").setNoEcho(true)
                .setData(MessageData.newBuilder().setBinaryData(ByteString.copyFrom(bytes)))).build());
        Frame raw = simple.next();
        assertThat(raw.text()).isFalse();
        assertThat(raw.binaryData()).isEqualTo(bytes);
        JsonNode asJson = json.nextJson();
        assertThat(asJson.path("dataType").asText()).isEqualTo("binary");
        assertThat(asJson.path("fromUserId").asText()).isEqualTo("rp");
        assertThat(Base64.getDecoder().decode(asJson.path("data").asText())).isEqualTo(bytes);
        JsonNode asReliableJson = reliableJson.nextJson();
        assertThat(asReliableJson.path("sequenceId").asLong()).isEqualTo(1);
        DownstreamMessage asProtobuf = next(protobuf);
        assertThat(asProtobuf.getDataMessage().getData().getBinaryData().toByteArray()).isEqualTo(bytes);
        assertThat(asProtobuf.getDataMessage().hasSequenceId()).isFalse();

        json.sendText("{\"type\":\"sendToGroup\",\"group\":\"room\",\"dataType\":\"json\",\"data\":{\"a\":1}}");
        DownstreamMessage jsonForProtobuf = next(reliableProtobuf);
        assertThat(jsonForProtobuf.getDataMessage().getData().getTextData()).isEqualTo("{\"a\":1}");
        assertThat(jsonForProtobuf.getDataMessage().getSequenceId()).isEqualTo(1);
        assertThat(simple.nextText()).isEqualTo("{\"a\":1}");
        for (TestWebSocket ws : new TestWebSocket[] {simple, json, reliableJson, protobuf, reliableProtobuf}) {
            ws.close();
        }
    }

    @Test
    void undecodableProtobufFrameWithoutAckIdClosesWith1008() {
        TestWebSocket ws = TestWebSocket.connect(server.clientUrl("pb", "bad"), PROTOBUF);
        next(ws);
        ws.sendBinary(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
        assertThat(ws.awaitClose().code()).isEqualTo(1008);
    }

    private static void join(TestWebSocket... jsonClients) {
        for (TestWebSocket ws : jsonClients) {
            ws.sendText("{\"type\":\"joinGroup\",\"group\":\"room\",\"ackId\":1}");
            assertThat(ws.nextJson().path("success").asBoolean()).isTrue();
        }
    }

    private static void joinProtobuf(TestWebSocket... clients) {
        for (TestWebSocket ws : clients) {
            send(ws, UpstreamMessage.newBuilder().setJoinGroupMessage(
                    UpstreamMessage.JoinGroupMessage.newBuilder().setGroup("room").setAckId(1)).build());
            assertThat(next(ws).getAckMessage().getSuccess()).isTrue();
        }
    }

    private static void send(TestWebSocket ws, UpstreamMessage message) {
        ws.sendBinary(message.toByteArray());
    }

    private static DownstreamMessage next(TestWebSocket ws) {
        Frame frame = ws.next();
        assertThat(frame.text()).as("protobuf clients get binary frames: %s", frame).isFalse();
        try {
            return DownstreamMessage.parseFrom(frame.binaryData());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError("not a DownstreamMessage: " + new String(frame.binaryData(), StandardCharsets.UTF_8), e);
        }
    }
}
