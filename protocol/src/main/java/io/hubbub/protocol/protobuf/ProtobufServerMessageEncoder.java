package io.hubbub.protocol.protobuf;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.hubbub.protocol.Payload;
import io.hubbub.protocol.protobuf.generated.WebPubSubProto.DownstreamMessage;
import io.hubbub.protocol.protobuf.generated.WebPubSubProto.DownstreamMessage.AckMessage;
import io.hubbub.protocol.protobuf.generated.WebPubSubProto.DownstreamMessage.InvokeResponseMessage;
import io.hubbub.protocol.protobuf.generated.WebPubSubProto.DownstreamMessage.PongMessage;
import io.hubbub.protocol.protobuf.generated.WebPubSubProto.DownstreamMessage.SystemMessage;
import io.hubbub.protocol.protobuf.generated.WebPubSubProto.DownstreamMessage.SystemMessage.ConnectedMessage;
import io.hubbub.protocol.protobuf.generated.WebPubSubProto.DownstreamMessage.SystemMessage.DisconnectedMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Encodes service → client messages of the protobuf subprotocols (PROTOCOL.md §7), each call returning one
 * serialized {@code DownstreamMessage}, the content of one binary frame.
 *
 * <p>Data messages are built for fan-out: {@link #dataMessage} encodes the inner {@code DataMessage} once, without
 * {@code sequence_id}; non-reliable receivers get {@link #downstream(byte[])}, reliable ones get
 * {@code dataHeader(inner.length + suffix.length) ++ inner ++ sequenceIdSuffix(id)}, valid because protobuf fields
 * may come in any order. ackIds and sequence ids are unsigned 64-bit values held in a long. A null string is
 * written as {@code ""}, the proto3 default, which the clients read as absent.
 */
public final class ProtobufServerMessageEncoder {

    /** {@code DownstreamMessage.data_message}. */
    static final int DATA_MESSAGE_FIELD = 2;
    /** {@code DataMessage.sequence_id}. */
    static final int SEQUENCE_ID_FIELD = 4;

    private static final int FROM_FIELD = 1;
    private static final int GROUP_FIELD = 2;
    private static final int DATA_FIELD = 3;
    private static final int TEXT_DATA_FIELD = 1;
    private static final int BINARY_DATA_FIELD = 2;
    private static final int PROTOBUF_DATA_FIELD = 3;

    private static final byte[] FROM_GROUP = "group".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FROM_SERVER = "server".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG =
            DownstreamMessage.newBuilder().setPongMessage(PongMessage.getDefaultInstance()).build().toByteArray();

    private ProtobufServerMessageEncoder() {
    }

    /** The first frame; {@code userIdOrNull} null for anonymous, token only on the reliable subprotocol. */
    public static byte[] connected(String connectionId, String userIdOrNull, String reconnectionTokenOrNull) {
        Objects.requireNonNull(connectionId, "connectionId");
        ConnectedMessage.Builder connected = ConnectedMessage.newBuilder().setConnectionId(connectionId);
        if (userIdOrNull != null) {
            connected.setUserId(userIdOrNull);
        }
        if (reconnectionTokenOrNull != null) {
            connected.setReconnectionToken(reconnectionTokenOrNull);
        }
        return system(SystemMessage.newBuilder().setConnectedMessage(connected));
    }

    public static byte[] disconnected(String reason) {
        return system(SystemMessage.newBuilder().setDisconnectedMessage(
                DisconnectedMessage.newBuilder().setReason(orEmpty(reason))));
    }

    public static byte[] ackSuccess(long ackId) {
        return DownstreamMessage.newBuilder()
                .setAckMessage(AckMessage.newBuilder().setAckId(ackId).setSuccess(true))
                .build().toByteArray();
    }

    public static byte[] ackError(long ackId, String errorName, String errorMessage) {
        AckMessage.ErrorMessage error = AckMessage.ErrorMessage.newBuilder()
                .setName(orEmpty(errorName)).setMessage(orEmpty(errorMessage)).build();
        return DownstreamMessage.newBuilder()
                .setAckMessage(AckMessage.newBuilder().setAckId(ackId).setSuccess(false).setError(error))
                .build().toByteArray();
    }

    public static byte[] pong() {
        return PONG.clone();
    }

    public static byte[] invokeResponseError(String invocationId, String errorName, String errorMessage) {
        Objects.requireNonNull(invocationId, "invocationId");
        InvokeResponseMessage.ErrorMessage error = InvokeResponseMessage.ErrorMessage.newBuilder()
                .setName(orEmpty(errorName)).setMessage(orEmpty(errorMessage)).build();
        return DownstreamMessage.newBuilder()
                .setInvokeResponseMessage(InvokeResponseMessage.newBuilder()
                        .setInvocationId(invocationId).setSuccess(false).setError(error))
                .build().toByteArray();
    }

    /**
     * The serialized inner {@code DataMessage}, without {@code sequence_id}: {@code from = "group"} with
     * {@code group} when {@code groupOrNull} is set, else {@code from = "server"}. JSON content goes in
     * {@code text_data} (§7.3); PROTOBUF content is the serialized {@code Any} and is embedded as is.
     */
    public static byte[] dataMessage(String groupOrNull, Payload payload) {
        Objects.requireNonNull(payload, "payload");
        byte[] from = groupOrNull == null ? FROM_SERVER : FROM_GROUP;
        byte[] content = payload.data();
        int contentField = switch (payload.type()) {
            case TEXT, JSON -> TEXT_DATA_FIELD; // both already UTF-8, so bytes are written as the string
            case BINARY -> BINARY_DATA_FIELD;
            case PROTOBUF -> PROTOBUF_DATA_FIELD;
        };
        int messageDataSize = CodedOutputStream.computeByteArraySize(contentField, content);
        int size = CodedOutputStream.computeByteArraySize(FROM_FIELD, from)
                + (groupOrNull == null ? 0 : CodedOutputStream.computeStringSize(GROUP_FIELD, groupOrNull))
                + CodedOutputStream.computeTagSize(DATA_FIELD)
                + CodedOutputStream.computeUInt32SizeNoTag(messageDataSize)
                + messageDataSize;
        byte[] out = new byte[size];
        CodedOutputStream o = CodedOutputStream.newInstance(out);
        try {
            o.writeByteArray(FROM_FIELD, from);
            if (groupOrNull != null) {
                o.writeString(GROUP_FIELD, groupOrNull);
            }
            o.writeTag(DATA_FIELD, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            o.writeUInt32NoTag(messageDataSize);
            o.writeByteArray(contentField, content);
            o.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("size mismatch encoding a data message", e);
        }
        return out;
    }

    /** The whole {@code DownstreamMessage} around {@code dataMessage}, for non-reliable receivers. */
    public static byte[] downstream(byte[] dataMessage) {
        byte[] header = dataHeader(dataMessage.length);
        byte[] out = new byte[header.length + dataMessage.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(dataMessage, 0, out, header.length, dataMessage.length);
        return out;
    }

    /** {@code dataHeader ++ dataMessage ++ sequenceIdSuffix} in one array, for reliable receivers. */
    public static byte[] downstream(byte[] dataMessage, long sequenceId) {
        byte[] suffix = sequenceIdSuffix(sequenceId);
        byte[] header = dataHeader(dataMessage.length + suffix.length);
        byte[] out = new byte[header.length + dataMessage.length + suffix.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(dataMessage, 0, out, header.length, dataMessage.length);
        System.arraycopy(suffix, 0, out, header.length + dataMessage.length, suffix.length);
        return out;
    }

    /**
     * The tag of {@code DownstreamMessage.data_message} and the varint length that must precede an inner message
     * of {@code innerLength} bytes (including any suffix).
     */
    public static byte[] dataHeader(int innerLength) {
        if (innerLength < 0) {
            throw new IllegalArgumentException("negative length " + innerLength);
        }
        byte[] out = new byte[CodedOutputStream.computeTagSize(DATA_MESSAGE_FIELD)
                + CodedOutputStream.computeUInt32SizeNoTag(innerLength)];
        CodedOutputStream o = CodedOutputStream.newInstance(out);
        try {
            o.writeTag(DATA_MESSAGE_FIELD, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            o.writeUInt32NoTag(innerLength);
            o.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("size mismatch encoding a data header", e);
        }
        return out;
    }

    /** {@code DataMessage.sequence_id} as a field to append to an inner message from {@link #dataMessage}. */
    public static byte[] sequenceIdSuffix(long sequenceId) {
        byte[] out = new byte[CodedOutputStream.computeUInt64Size(SEQUENCE_ID_FIELD, sequenceId)];
        CodedOutputStream o = CodedOutputStream.newInstance(out);
        try {
            o.writeUInt64(SEQUENCE_ID_FIELD, sequenceId);
            o.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("size mismatch encoding a sequence id", e);
        }
        return out;
    }

    private static byte[] system(SystemMessage.Builder system) {
        return DownstreamMessage.newBuilder().setSystemMessage(system).build().toByteArray();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
