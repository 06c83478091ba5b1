package io.hubbub.protocol.protobuf;

import static io.hubbub.protocol.protobuf.Wire.bytes;
import static io.hubbub.protocol.protobuf.Wire.concat;
import static io.hubbub.protocol.protobuf.Wire.len;
import static io.hubbub.protocol.protobuf.Wire.str;
import static io.hubbub.protocol.protobuf.Wire.uint;
import static io.hubbub.protocol.protobuf.Wire.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hubbub.protocol.DataType;
import io.hubbub.protocol.Payload;
import io.hubbub.protocol.json.CancelInvocation;
import io.hubbub.protocol.json.ClientMessage;
import io.hubbub.protocol.json.EventMessage;
import io.hubbub.protocol.json.Invoke;
import io.hubbub.protocol.json.JoinGroup;
import io.hubbub.protocol.json.LeaveGroup;
import io.hubbub.protocol.json.MalformedMessageException;
import io.hubbub.protocol.json.Ping;
import io.hubbub.protocol.json.SendToGroup;
import io.hubbub.protocol.json.SequenceAck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Frames written by hand from the field tables of PROTOCOL.md §7.2, without the generated classes: the encoder must
 * produce them byte for byte (fields in number order, proto3 defaults omitted) and the decoder must read them.
 */
class ProtobufWireFixturesTest {

    // UpstreamMessage oneof `message`
    private static final int UP_SEND_TO_GROUP = 1;
    private static final int UP_EVENT = 5;
    private static final int UP_JOIN = 6;
    private static final int UP_LEAVE = 7;
    private static final int UP_SEQUENCE_ACK = 8;
    private static final int UP_PING = 9;
    private static final int UP_INVOKE = 10;
    private static final int UP_CANCEL_INVOCATION = 11;
    // DownstreamMessage oneof `message`
    private static final int DOWN_ACK = 1;
    private static final int DOWN_DATA = 2;
    private static final int DOWN_SYSTEM = 3;
    private static final int DOWN_PONG = 4;
    private static final int DOWN_INVOKE_RESPONSE = 5;
    // MessageData oneof `data`
    private static final int TEXT_DATA = 1;
    private static final int BINARY_DATA = 2;
    private static final int PROTOBUF_DATA = 3;
    private static final int JSON_DATA = 4;

    private static ClientMessage decode(byte[] frame) throws MalformedMessageException {
        return ProtobufClientMessageDecoder.decode(frame, 0, frame.length);
    }

    private static MalformedMessageException malformed(byte[] frame) {
        return catchThrowableOfType(MalformedMessageException.class, () -> decode(frame));
    }

    // ---- downstream: encoder output equals the hand-written frame

    @Test
    void pongIsFieldFourEmpty() {
        assertThat(ProtobufServerMessageEncoder.pong()).isEqualTo(bytes(0x22, 0x00));
    }

    @Test
    void ackSuccessLiteralBytes() {
        // DownstreamMessage{ack_message(1){ack_id(1)=1, success(2)=true}}
        assertThat(ProtobufServerMessageEncoder.ackSuccess(1)).isEqualTo(bytes(0x0A, 0x04, 0x08, 0x01, 0x10, 0x01));
    }

    @Test
    void ackErrorOmitsFalseSuccess() {
        byte[] expected = len(DOWN_ACK, uint(1, 5), len(3, str(1, "Forbidden"), str(2, "no")));
        assertThat(ProtobufServerMessageEncoder.ackError(5, "Forbidden", "no")).isEqualTo(expected);
    }

    @Test
    void ackIdMaxUnsignedIsTenByteVarint() {
        byte[] maxVarint = bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01);
        byte[] expected = concat(bytes(0x0A, 0x0D, 0x08), maxVarint, bytes(0x10, 0x01));
        assertThat(ProtobufServerMessageEncoder.ackSuccess(-1L)).isEqualTo(expected);
    }

    @Test
    void connectedWithUserAndToken() {
        byte[] expected = len(DOWN_SYSTEM, len(1, str(1, "conn"), str(2, "u1"), str(3, "tok")));
        assertThat(ProtobufServerMessageEncoder.connected("conn", "u1", "tok")).isEqualTo(expected);
    }

    @Test
    void anonymousConnectedHasNoUserIdOnTheWire() {
        assertThat(ProtobufServerMessageEncoder.connected("conn", null, null))
                .isEqualTo(len(DOWN_SYSTEM, len(1, str(1, "conn"))));
    }

    @Test
    void disconnectedReasonIsFieldTwo() {
        assertThat(ProtobufServerMessageEncoder.disconnected("bye"))
                .isEqualTo(len(DOWN_SYSTEM, len(2, str(2, "bye"))));
    }

    @Test
    void invokeResponseError() {
        byte[] expected = len(DOWN_INVOKE_RESPONSE, str(1, "inv-1"), len(4, str(1, "NotSupported"), str(2, "m")));
        assertThat(ProtobufServerMessageEncoder.invokeResponseError("inv-1", "NotSupported", "m")).isEqualTo(expected);
    }

    @Test
    void groupTextMessage() {
        byte[] inner = ProtobufServerMessageEncoder.dataMessage("g1", Payload.text("hi"));
        assertThat(inner).isEqualTo(concat(str(1, "group"), str(2, "g1"), len(3, str(TEXT_DATA, "hi"))));
        assertThat(ProtobufServerMessageEncoder.downstream(inner)).isEqualTo(len(DOWN_DATA, inner));
    }

    @Test
    void serverBinaryMessageHasNoGroup() {
        byte[] inner = ProtobufServerMessageEncoder.dataMessage(null, Payload.binary(bytes(1, 2, 3)));
        assertThat(inner).isEqualTo(concat(str(1, "server"), len(3, len(BINARY_DATA, bytes(1, 2, 3)))));
    }

    @Test
    void jsonGoesInTextData() {
        byte[] inner = ProtobufServerMessageEncoder.dataMessage(null, Payload.json(utf8("{\"a\":1}")));
        assertThat(inner).isEqualTo(concat(str(1, "server"), len(3, str(TEXT_DATA, "{\"a\":1}"))));
    }

    @Test
    void protobufPayloadIsEmbeddedAsTheAnyMessage() {
        byte[] any = concat(str(1, "type.googleapis.com/x.Y"), len(2, bytes(0x08, 0x2A)));
        byte[] inner = ProtobufServerMessageEncoder.dataMessage("g", new Payload(DataType.PROTOBUF, any));
        assertThat(inner).isEqualTo(concat(str(1, "group"), str(2, "g"), len(3, len(PROTOBUF_DATA, any))));
    }

    @Test
    void splicedReliableMessage() {
        byte[] inner = ProtobufServerMessageEncoder.dataMessage("g1", Payload.text("hi"));
        byte[] suffix = ProtobufServerMessageEncoder.sequenceIdSuffix(7);
        assertThat(suffix).isEqualTo(bytes(0x20, 0x07));
        byte[] spliced = concat(ProtobufServerMessageEncoder.dataHeader(inner.length + suffix.length), inner, suffix);
        assertThat(spliced).isEqualTo(len(DOWN_DATA, inner, uint(4, 7)));
        assertThat(ProtobufServerMessageEncoder.downstream(inner, 7)).isEqualTo(spliced);
    }

    @Test
    void dataHeaderUsesMultiByteVarintLengths() {
        assertThat(ProtobufServerMessageEncoder.dataHeader(0)).isEqualTo(bytes(0x12, 0x00));
        assertThat(ProtobufServerMessageEncoder.dataHeader(300)).isEqualTo(bytes(0x12, 0xAC, 0x02));
        assertThat(ProtobufServerMessageEncoder.sequenceIdSuffix(-1L))
                .isEqualTo(bytes(0x20, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01));
    }

    // ---- upstream: the decoder reads hand-written frames

    @Test
    void joinAndLeave() throws Exception {
        assertThat(decode(len(UP_JOIN, str(1, "g"), uint(2, 0)))).isEqualTo(new JoinGroup("g", 0L));
        assertThat(decode(len(UP_LEAVE, str(1, "g"), uint(2, 4)))).isEqualTo(new LeaveGroup("g", 4L));
        assertThat(decode(len(UP_JOIN, str(1, "g")))).isEqualTo(new JoinGroup("g", null));
    }

    @Test
    void sendToGroup() throws Exception {
        byte[] frame = len(UP_SEND_TO_GROUP, str(1, "g"), uint(2, 3), len(3, str(TEXT_DATA, "hello")), uint(4, 1));
        assertThat(decode(frame)).isEqualTo(new SendToGroup("g", Payload.text("hello"), 3L, true));
    }

    @Test
    void eventWithBinaryData() throws Exception {
        byte[] frame = len(UP_EVENT, str(1, "e"), len(2, len(BINARY_DATA, bytes(9, 8))), uint(3, 6));
        assertThat(decode(frame)).isEqualTo(new EventMessage("e", Payload.binary(bytes(9, 8)), 6L));
    }

    @Test
    void jsonDataAndProtobufData() throws Exception {
        byte[] json = len(UP_EVENT, str(1, "e"), len(2, str(JSON_DATA, "{\"b\":2}")));
        assertThat(decode(json)).isEqualTo(new EventMessage("e", Payload.json(utf8("{\"b\":2}")), null));
        byte[] any = concat(str(1, "type.googleapis.com/x.Y"), len(2, bytes(0x08, 0x2A)));
        byte[] proto = len(UP_SEND_TO_GROUP, str(1, "g"), len(3, len(PROTOBUF_DATA, any)));
        assertThat(decode(proto)).isEqualTo(new SendToGroup("g", new Payload(DataType.PROTOBUF, any), null, false));
    }

    @Test
    void sequenceAckPingInvokeCancel() throws Exception {
        assertThat(decode(len(UP_SEQUENCE_ACK, uint(1, 3)))).isEqualTo(new SequenceAck(3));
        assertThat(decode(len(UP_PING))).isEqualTo(new Ping());
        assertThat(decode(len(UP_INVOKE, str(1, "e"), str(2, "inv"), len(3, str(TEXT_DATA, "x")))))
                .isEqualTo(new Invoke("inv", "e", Payload.text("x")));
        assertThat(decode(len(UP_CANCEL_INVOCATION, str(1, "inv")))).isEqualTo(new CancelInvocation("inv"));
    }

    @Test
    void maxUnsignedAckId() throws Exception {
        assertThat(decode(len(UP_JOIN, str(1, "g"), uint(2, -1L)))).isEqualTo(new JoinGroup("g", -1L));
    }

    @Test
    void previewGroupStateRequestsCarryTheirAckId() {
        assertThat(malformed(len(15, str(1, "g"), uint(2, 9))).ackId()).isEqualTo(9L);
        assertThat(malformed(len(16, str(1, "g"), uint(2, 0))).ackId()).isEqualTo(0L);
        assertThat(malformed(len(17, str(1, "g"), uint(2, 11))).ackId()).isEqualTo(11L);
    }

    @Test
    void previewStreamMessagesHaveNoAckId() {
        assertThat(malformed(len(13, str(1, "s"), uint(2, 1))).ackId()).isNull();
        assertThat(malformed(len(14, str(1, "s"))).ackId()).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 12, 18, 1000})
    void unknownOneofCaseIsMalformedWithoutAckId(int field) {
        // shaped like a join with an ack id, but under a number the schema does not use
        assertThat(malformed(len(field, str(1, "g"), uint(2, 5))).ackId()).isNull();
    }
}
