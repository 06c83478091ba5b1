package io.hubbub.protocol.protobuf;

import static io.hubbub.protocol.protobuf.Wire.concat;
import static io.hubbub.protocol.protobuf.Wire.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Int64Value;
import io.hubbub.protocol.DataType;
import io.hubbub.protocol.Payload;
import io.hubbub.protocol.json.SendToGroup;
import io.hubbub.protocol.protobuf.generated.WebPubSubProto.DownstreamMessage;
import io.hubbub.protocol.protobuf.generated.WebPubSubProto.DownstreamMessage.DataMessage;
import io.hubbub.protocol.protobuf.generated.WebPubSubProto.DownstreamMessage.SystemMessage.ConnectedMessage;
import io.hubbub.protocol.protobuf.generated.WebPubSubProto.MessageData;
import io.hubbub.protocol.protobuf.generated.WebPubSubProto.UpstreamMessage;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Encoder output read back with the generated parser, as the official protobuf clients read it. */
class ProtobufServerMessageEncoderTest {

    private static DownstreamMessage parse(byte[] frame) throws Exception {
        return DownstreamMessage.parseFrom(frame);
    }

    @Test
    void connected() throws Exception {
        ConnectedMessage c = parse(ProtobufServerMessageEncoder.connected("c1", "u1", "tok"))
                .getSystemMessage().getConnectedMessage();
        assertThat(c.getConnectionId()).isEqualTo("c1");
        assertThat(c.getUserId()).isEqualTo("u1");
        assertThat(c.getReconnectionToken()).isEqualTo("tok");
    }

    @Test
    void anonymousConnectedOnTheNonReliableProtocol() throws Exception {
        ConnectedMessage c = parse(ProtobufServerMessageEncoder.connected("c1", null, null))
                .getSystemMessage().getConnectedMessage();
        assertThat(c.getUserId()).isEmpty();
        assertThat(c.hasReconnectionToken()).isFalse();
    }

    @Test
    void disconnected() throws Exception {
        DownstreamMessage m = parse(ProtobufServerMessageEncoder.disconnected("bye"));
        assertThat(m.getSystemMessage().getDisconnectedMessage().getReason()).isEqualTo("bye");
        assertThat(parse(ProtobufServerMessageEncoder.disconnected(null)).getSystemMessage().hasDisconnectedMessage())
                .isTrue();
    }

    @Test
    void acks() throws Exception {
        DownstreamMessage.AckMessage ok = parse(ProtobufServerMessageEncoder.ackSuccess(0)).getAckMessage();
        assertThat(ok.getAckId()).isZero();
        assertThat(ok.getSuccess()).isTrue();
        assertThat(ok.hasError()).isFalse();
        DownstreamMessage.AckMessage failed =
                parse(ProtobufServerMessageEncoder.ackError(-1L, "Duplicate", "seen")).getAckMessage();
        assertThat(Long.toUnsignedString(failed.getAckId())).isEqualTo("18446744073709551615");
        assertThat(failed.getSuccess()).isFalse();
        assertThat(failed.getError().getName()).isEqualTo("Duplicate");
        assertThat(failed.getError().getMessage()).isEqualTo("seen");
        assertThat(parse(ProtobufServerMessageEncoder.ackError(1, null, null)).getAckMessage().hasError()).isTrue();
    }

    @Test
    void pongIsAFreshArrayEachTime() throws Exception {
        byte[] pong = ProtobufServerMessageEncoder.pong();
        assertThat(parse(pong).getMessageCase()).isEqualTo(DownstreamMessage.MessageCase.PONG_MESSAGE);
        pong[0] = 0;
        assertThat(ProtobufServerMessageEncoder.pong()[0]).isEqualTo((byte) 0x22);
    }

    @Test
    void invokeResponseError() throws Exception {
        DownstreamMessage.InvokeResponseMessage r = parse(
                ProtobufServerMessageEncoder.invokeResponseError("7", "NotSupported", "no")).getInvokeResponseMessage();
        assertThat(r.getInvocationId()).isEqualTo("7");
        assertThat(r.getSuccess()).isFalse();
        assertThat(r.hasData()).isFalse();
        assertThat(r.getError().getName()).isEqualTo("NotSupported");
        assertThat(r.getError().getMessage()).isEqualTo("no");
    }

    @Test
    void nonReliableGroupMessageHasNoSequenceId() throws Exception {
        byte[] inner = ProtobufServerMessageEncoder.dataMessage("g1", Payload.text("h\u00e9"));
        DataMessage d = parse(ProtobufServerMessageEncoder.downstream(inner)).getDataMessage();
        assertThat(d.getFrom()).isEqualTo("group");
        assertThat(d.getGroup()).isEqualTo("g1");
        assertThat(d.getData().getTextData()).isEqualTo("h\u00e9");
        assertThat(d.hasSequenceId()).isFalse();
        assertThat(DataMessage.parseFrom(inner)).isEqualTo(d);
    }

    @Test
    void serverMessageHasNoGroup() throws Exception {
        DataMessage d = parse(ProtobufServerMessageEncoder.downstream(
                ProtobufServerMessageEncoder.dataMessage(null, Payload.binary(new byte[] {1, 2})))).getDataMessage();
        assertThat(d.getFrom()).isEqualTo("server");
        assertThat(d.hasGroup()).isFalse();
        assertThat(d.getData().getBinaryData().toByteArray()).containsExactly(1, 2);
    }

    @Test
    void jsonPayloadIsSentAsTextData() throws Exception {
        DataMessage d = parse(ProtobufServerMessageEncoder.downstream(
                ProtobufServerMessageEncoder.dataMessage("g", Payload.json(utf8("{\"a\":1}"))))).getDataMessage();
        assertThat(d.getData().getDataCase()).isEqualTo(MessageData.DataCase.TEXT_DATA);
        assertThat(d.getData().getTextData()).isEqualTo("{\"a\":1}");
    }

    @Test
    void protobufPayloadPassesThroughAsAny() throws Exception {
        Any any = Any.pack(Int64Value.of(42));
        byte[] inner = ProtobufServerMessageEncoder.dataMessage("g", new Payload(DataType.PROTOBUF, any.toByteArray()));
        DataMessage d = parse(ProtobufServerMessageEncoder.downstream(inner)).getDataMessage();
        assertThat(d.getData().getProtobufData()).isEqualTo(any);
        assertThat(d.getData().getProtobufData().unpack(Int64Value.class).getValue()).isEqualTo(42);
    }

    @Test
    void splicedReliableMessageParses() throws Exception {
        byte[] big = new byte[70_000]; // lengths need three-byte varints
        new Random(1).nextBytes(big);
        byte[] inner = ProtobufServerMessageEncoder.dataMessage("g1", Payload.binary(big));
        for (long sequenceId : new long[] {1, 127, 128, 1L << 35, -1L}) {
            byte[] suffix = ProtobufServerMessageEncoder.sequenceIdSuffix(sequenceId);
            byte[] frame = concat(ProtobufServerMessageEncoder.dataHeader(inner.length + suffix.length), inner, suffix);
            DataMessage d = parse(frame).getDataMessage();
            assertThat(d.hasSequenceId()).isTrue();
            assertThat(d.getSequenceId()).isEqualTo(sequenceId);
            assertThat(d.getGroup()).isEqualTo("g1");
            assertThat(d.getData().getBinaryData().toByteArray()).isEqualTo(big);
            assertThat(ProtobufServerMessageEncoder.downstream(inner, sequenceId)).isEqualTo(frame);
        }
    }

    @Test
    void splicedFrameEqualsTheGeneratedEncoding() throws Exception {
        byte[] inner = ProtobufServerMessageEncoder.dataMessage("g", Payload.text("x"));
        DownstreamMessage expected = DownstreamMessage.newBuilder().setDataMessage(DataMessage.newBuilder()
                .setFrom("group").setGroup("g").setData(MessageData.newBuilder().setTextData("x"))
                .setSequenceId(5)).build();
        // the generated serializer writes fields in number order, and sequence_id (4) is the last one we use
        assertThat(ProtobufServerMessageEncoder.downstream(inner, 5)).isEqualTo(expected.toByteArray());
    }

    @Test
    void eachUpstreamDataCaseReachesAProtobufReceiverAsTheSameCase() throws Exception {
        MessageData[] sent = {
            MessageData.newBuilder().setTextData("t").build(),
            MessageData.newBuilder().setBinaryData(ByteString.copyFromUtf8("b")).build(),
            MessageData.newBuilder().setProtobufData(Any.pack(Int64Value.of(7))).build(),
        };
        for (MessageData data : sent) {
            byte[] up = UpstreamMessage.newBuilder().setSendToGroupMessage(UpstreamMessage.SendToGroupMessage
                    .newBuilder().setGroup("g").setData(data)).build().toByteArray();
            SendToGroup m = (SendToGroup) ProtobufClientMessageDecoder.decode(up, 0, up.length);
            assertThat(relay(m).getData()).isEqualTo(data);
        }
        byte[] up = UpstreamMessage.newBuilder().setSendToGroupMessage(UpstreamMessage.SendToGroupMessage.newBuilder()
                .setGroup("g").setData(MessageData.newBuilder().setJsonData("{\"a\":1}"))).build().toByteArray();
        SendToGroup m = (SendToGroup) ProtobufClientMessageDecoder.decode(up, 0, up.length);
        assertThat(relay(m).getData().getTextData()).isEqualTo("{\"a\":1}"); // json_data goes out as text_data
    }

    private static DataMessage relay(SendToGroup m) throws Exception {
        return parse(ProtobufServerMessageEncoder.downstream(
                ProtobufServerMessageEncoder.dataMessage(m.group(), m.payload()))).getDataMessage();
    }
}
