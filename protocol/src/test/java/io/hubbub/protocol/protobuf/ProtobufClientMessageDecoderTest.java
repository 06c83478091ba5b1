package io.hubbub.protocol.protobuf;

import static io.hubbub.protocol.protobuf.Wire.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.StringValue;
import io.hubbub.protocol.DataType;
import io.hubbub.protocol.Payload;
import io.hubbub.protocol.json.CancelInvocation;
import io.hubbub.protocol.json.ClientMessage;
import io.hubbub.protocol.json.EventMessage;
import io.hubbub.protocol.json.Invoke;
import io.hubbub.protocol.json.JoinGroup;
import io.hubbub.protocol.json.LeaveGroup;
import io.hubbub.protocol.json.Ping;
import io.hubbub.protocol.json.SendToGroup;
import io.hubbub.protocol.json.SequenceAck;
import io.hubbub.protocol.protobuf.generated.WebPubSubProto.GroupStateItem;
import io.hubbub.protocol.protobuf.generated.WebPubSubProto.MessageData;
import io.hubbub.protocol.protobuf.generated.WebPubSubProto.UpstreamMessage;
import org.junit.jupiter.api.Test;

/** Round trips through the generated classes, as the official protobuf clients would build their frames. */
class ProtobufClientMessageDecoderTest {

    static ClientMessage decode(UpstreamMessage.Builder m) throws Exception {
        byte[] frame = m.build().toByteArray();
        return ProtobufClientMessageDecoder.decode(frame, 0, frame.length);
    }

    static MessageData text(String s) {
        return MessageData.newBuilder().setTextData(s).build();
    }

    @Test
    void sendToGroupWithEveryField() throws Exception {
        UpstreamMessage.Builder m = UpstreamMessage.newBuilder().setSendToGroupMessage(
                UpstreamMessage.SendToGroupMessage.newBuilder()
                        .setGroup("g1").setAckId(3).setData(text("hello")).setNoEcho(true)
                        .setTtlSeconds(30).putMetadata("k", "v"));
        assertThat(decode(m)).isEqualTo(new SendToGroup("g1", Payload.text("hello"), 3L, true));
    }

    @Test
    void sendToGroupDefaults() throws Exception {
        UpstreamMessage.Builder m = UpstreamMessage.newBuilder().setSendToGroupMessage(
                UpstreamMessage.SendToGroupMessage.newBuilder().setGroup("g1").setData(text("")));
        assertThat(decode(m)).isEqualTo(new SendToGroup("g1", Payload.text(""), null, false));
    }

    @Test
    void ackIdZeroIsPresent() throws Exception {
        UpstreamMessage.Builder withZero = UpstreamMessage.newBuilder().setJoinGroupMessage(
                UpstreamMessage.JoinGroupMessage.newBuilder().setGroup("g").setAckId(0));
        UpstreamMessage.Builder without = UpstreamMessage.newBuilder().setJoinGroupMessage(
                UpstreamMessage.JoinGroupMessage.newBuilder().setGroup("g"));
        assertThat(decode(withZero)).isEqualTo(new JoinGroup("g", 0L));
        assertThat(decode(without)).isEqualTo(new JoinGroup("g", null));
    }

    @Test
    void ackIdMaxUnsignedKeepsItsBits() throws Exception {
        UpstreamMessage.Builder m = UpstreamMessage.newBuilder().setLeaveGroupMessage(
                UpstreamMessage.LeaveGroupMessage.newBuilder().setGroup("g").setAckId(-1L));
        LeaveGroup leave = (LeaveGroup) decode(m);
        assertThat(Long.toUnsignedString(leave.ackId())).isEqualTo("18446744073709551615");
    }

    @Test
    void eventWithEachDataCase() throws Exception {
        assertThat(decode(event(text("t")))).isEqualTo(new EventMessage("e", Payload.text("t"), 1L));
        MessageData binary = MessageData.newBuilder().setBinaryData(ByteString.copyFrom(new byte[] {0, -1})).build();
        assertThat(decode(event(binary))).isEqualTo(new EventMessage("e", Payload.binary(new byte[] {0, -1}), 1L));
        MessageData json = MessageData.newBuilder().setJsonData("[1, {\"a\": null}]").build();
        assertThat(decode(event(json)))
                .isEqualTo(new EventMessage("e", Payload.json(utf8("[1, {\"a\": null}]")), 1L));
    }

    @Test
    void protobufDataIsTheSerializedAny() throws Exception {
        Any any = Any.pack(StringValue.of("x"));
        MessageData data = MessageData.newBuilder().setProtobufData(any).build();
        EventMessage e = (EventMessage) decode(event(data));
        assertThat(e.payload().type()).isEqualTo(DataType.PROTOBUF);
        assertThat(e.payload().data()).isEqualTo(any.toByteArray());
        assertThat(Any.parseFrom(e.payload().data()).unpack(StringValue.class).getValue()).isEqualTo("x");
    }

    @Test
    void nonAsciiTextKeepsItsUtf8Bytes() throws Exception {
        EventMessage e = (EventMessage) decode(event(text("h\u00e9llo \uD83D\uDE00")));
        assertThat(e.payload()).isEqualTo(Payload.text("h\u00e9llo \uD83D\uDE00"));
    }

    @Test
    void sequenceAckAndPing() throws Exception {
        assertThat(decode(UpstreamMessage.newBuilder().setSequenceAckMessage(
                UpstreamMessage.SequenceAckMessage.newBuilder().setSequenceId(-2L)))).isEqualTo(new SequenceAck(-2L));
        assertThat(decode(UpstreamMessage.newBuilder().setSequenceAckMessage(
                UpstreamMessage.SequenceAckMessage.getDefaultInstance()))).isEqualTo(new SequenceAck(0));
        assertThat(decode(UpstreamMessage.newBuilder().setPingMessage(
                UpstreamMessage.PingMessage.getDefaultInstance()))).isEqualTo(new Ping());
    }

    @Test
    void invokeWithAndWithoutData() throws Exception {
        UpstreamMessage.InvokeEventMessage.Builder invoke =
                UpstreamMessage.InvokeEventMessage.newBuilder().setEvent("e").setInvocationId("7");
        assertThat(decode(UpstreamMessage.newBuilder().setInvokeEventMessage(invoke)))
                .isEqualTo(new Invoke("7", "e", null));
        assertThat(decode(UpstreamMessage.newBuilder().setInvokeEventMessage(
                invoke.clone().setData(MessageData.getDefaultInstance())))).isEqualTo(new Invoke("7", "e", null));
        assertThat(decode(UpstreamMessage.newBuilder().setInvokeEventMessage(invoke.setData(text("x")))))
                .isEqualTo(new Invoke("7", "e", Payload.text("x")));
    }

    @Test
    void cancelInvocation() throws Exception {
        assertThat(decode(UpstreamMessage.newBuilder().setCancelInvocationMessage(
                UpstreamMessage.CancelInvocationMessage.newBuilder().setInvocationId("7"))))
                .isEqualTo(new CancelInvocation("7"));
    }

    @Test
    void absentStringsReadAsEmptyForTheServerToValidate() throws Exception {
        assertThat(decode(UpstreamMessage.newBuilder().setJoinGroupMessage(
                UpstreamMessage.JoinGroupMessage.newBuilder().setAckId(2)))).isEqualTo(new JoinGroup("", 2L));
    }

    @Test
    void decodesASliceOfALargerArray() throws Exception {
        byte[] frame = UpstreamMessage.newBuilder().setJoinGroupMessage(
                UpstreamMessage.JoinGroupMessage.newBuilder().setGroup("g").setAckId(1)).build().toByteArray();
        byte[] padded = new byte[frame.length + 7];
        padded[0] = (byte) 0xFF; // garbage around the frame must not be read
        padded[padded.length - 1] = (byte) 0xFF;
        System.arraycopy(frame, 0, padded, 3, frame.length);
        assertThat(ProtobufClientMessageDecoder.decode(padded, 3, frame.length)).isEqualTo(new JoinGroup("g", 1L));
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        byte[] join = Wire.concat(Wire.str(1, "g"), Wire.uint(2, 4), Wire.uint(99, 1), Wire.str(100, "x"));
        byte[] frame = Wire.concat(Wire.len(6, join), Wire.len(42, Wire.bytes(1, 2, 3)), Wire.uint(43, 5));
        assertThat(ProtobufClientMessageDecoder.decode(frame, 0, frame.length)).isEqualTo(new JoinGroup("g", 4L));
        byte[] data = Wire.concat(Wire.str(1, "hi"), Wire.uint(9, 1));
        byte[] send = Wire.len(1, Wire.str(1, "g"), Wire.len(3, data), Wire.len(8, Wire.str(1, "future")));
        assertThat(ProtobufClientMessageDecoder.decode(send, 0, send.length))
                .isEqualTo(new SendToGroup("g", Payload.text("hi"), null, false));
    }

    @Test
    void groupStateRequestIsNotSupported() {
        UpstreamMessage.Builder m = UpstreamMessage.newBuilder().setSetGroupStateMessage(
                UpstreamMessage.SetGroupStateMessage.newBuilder().setGroup("g").setAckId(8)
                        .setState(GroupStateItem.GroupState.newBuilder().putEntries("k", "v")));
        assertThat(ProtobufDecoderMalformedTest.malformed(m.build().toByteArray()))
                .hasMessageContaining("set_group_state_message")
                .extracting(e -> e.ackId()).isEqualTo(8L);
    }

    private static UpstreamMessage.Builder event(MessageData data) {
        return UpstreamMessage.newBuilder().setEventMessage(
                UpstreamMessage.EventMessage.newBuilder().setEvent("e").setData(data).setAckId(1));
    }
}
