package io.hubbub.protocol.protobuf;

import io.hubbub.protocol.JsonText;

import com.google.protobuf.InvalidProtocolBufferException;
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
import io.hubbub.protocol.protobuf.generated.WebPubSubProto.MessageData;
import io.hubbub.protocol.protobuf.generated.WebPubSubProto.UpstreamMessage;
import java.util.Locale;
import java.util.Objects;

/**
 * Decodes one binary frame of a protobuf subprotocol (one {@code UpstreamMessage}, PROTOCOL.md §7) into the same
 * {@link ClientMessage} records as the JSON codec, so the server handles both with one handler.
 *
 * <p>Unknown fields are ignored (proto3). Strings have no presence in proto3, so an absent group, event or
 * invocation id reads as {@code ""} and is passed on like an empty JSON string: the server validates names. Frames
 * that do not parse, carry no known oneof case, lack their {@code data}, or are preview types this server does not
 * implement (streams, group state) raise {@link MalformedMessageException}, carrying the ackId whenever one is
 * readable so the server can ack {@code BadRequest} (otherwise it closes with 1008, §7.1).
 */
public final class ProtobufClientMessageDecoder {

    private static final Ping PING = new Ping();

    private ProtobufClientMessageDecoder() {
    }

    /**
     * Decodes the serialized {@code UpstreamMessage} in {@code bytes[offset, offset + length)}; the array is not
     * retained.
     *
     * @throws MalformedMessageException when the frame is not a valid client message
     * @throws IndexOutOfBoundsException when the range lies outside the array
     */
    public static ClientMessage decode(byte[] bytes, int offset, int length) throws MalformedMessageException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        UpstreamMessage m;
        try {
            m = UpstreamMessage.parser().parseFrom(bytes, offset, length);
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedMessageException("undecodable protobuf frame: " + e.getMessage(),
                    UpstreamAckIdScanner.scan(bytes, offset, length));
        }
        return switch (m.getMessageCase()) {
            case SEND_TO_GROUP_MESSAGE -> {
                UpstreamMessage.SendToGroupMessage s = m.getSendToGroupMessage();
                Long ackId = s.hasAckId() ? s.getAckId() : null;
                Payload payload = requirePayload(s.hasData(), s.getData(), ackId);
                yield new SendToGroup(s.getGroup(), payload, ackId, s.getNoEcho());
            }
            case EVENT_MESSAGE -> {
                UpstreamMessage.EventMessage e = m.getEventMessage();
                Long ackId = e.hasAckId() ? e.getAckId() : null;
                yield new EventMessage(e.getEvent(), requirePayload(e.hasData(), e.getData(), ackId), ackId);
            }
            case JOIN_GROUP_MESSAGE -> {
                UpstreamMessage.JoinGroupMessage j = m.getJoinGroupMessage();
                yield new JoinGroup(j.getGroup(), j.hasAckId() ? j.getAckId() : null);
            }
            case LEAVE_GROUP_MESSAGE -> {
                UpstreamMessage.LeaveGroupMessage l = m.getLeaveGroupMessage();
                yield new LeaveGroup(l.getGroup(), l.hasAckId() ? l.getAckId() : null);
            }
            case SEQUENCE_ACK_MESSAGE -> new SequenceAck(m.getSequenceAckMessage().getSequenceId());
            case PING_MESSAGE -> PING;
            case INVOKE_EVENT_MESSAGE -> {
                UpstreamMessage.InvokeEventMessage i = m.getInvokeEventMessage();
                // data is optional for an invocation; an empty MessageData counts as none (no ackId to answer with)
                boolean hasData = i.hasData() && i.getData().getDataCase() != MessageData.DataCase.DATA_NOT_SET;
                yield new Invoke(i.getInvocationId(), i.getEvent(), hasData ? payload(i.getData(), null) : null);
            }
            case CANCEL_INVOCATION_MESSAGE -> new CancelInvocation(m.getCancelInvocationMessage().getInvocationId());
            case STREAM_DATA_MESSAGE, STREAM_END_MESSAGE -> throw unsupported(m.getMessageCase(), null);
            case SET_GROUP_STATE_MESSAGE -> {
                UpstreamMessage.SetGroupStateMessage g = m.getSetGroupStateMessage();
                throw unsupported(m.getMessageCase(), g.hasAckId() ? g.getAckId() : null);
            }
            case SUBSCRIBE_GROUP_STATE_MESSAGE -> {
                UpstreamMessage.SubscribeGroupStateMessage g = m.getSubscribeGroupStateMessage();
                throw unsupported(m.getMessageCase(), g.hasAckId() ? g.getAckId() : null);
            }
            case UNSUBSCRIBE_GROUP_STATE_MESSAGE -> {
                UpstreamMessage.UnsubscribeGroupStateMessage g = m.getUnsubscribeGroupStateMessage();
                throw unsupported(m.getMessageCase(), g.hasAckId() ? g.getAckId() : null);
            }
            // an empty frame, or only fields this schema does not know (a newer client's message type)
            case MESSAGE_NOT_SET -> throw new MalformedMessageException("no known message type in the frame", null);
        };
    }

    private static MalformedMessageException unsupported(UpstreamMessage.MessageCase type, Long ackId) {
        return new MalformedMessageException("message type " + type.name().toLowerCase(Locale.ROOT)
                + " is not supported by this service", ackId);
    }

    private static Payload requirePayload(boolean present, MessageData data, Long ackId)
            throws MalformedMessageException {
        if (!present) {
            throw new MalformedMessageException("missing 'data'", ackId);
        }
        return payload(data, ackId);
    }

    /** The neutral form of one {@code MessageData}, per the case the sender set (PROTOCOL.md §7.3). */
    private static Payload payload(MessageData data, Long ackId) throws MalformedMessageException {
        return switch (data.getDataCase()) {
            // the parser has already checked that proto3 strings are valid UTF-8: keep the bytes as sent
            case TEXT_DATA -> new Payload(DataType.TEXT, data.getTextDataBytes().toByteArray());
            case BINARY_DATA -> new Payload(DataType.BINARY, data.getBinaryData().toByteArray());
            // the serialized Any travels as is; its type_url and value are the sender's business
            case PROTOBUF_DATA -> new Payload(DataType.PROTOBUF, data.getProtobufData().toByteArray());
            case JSON_DATA -> {
                byte[] json = data.getJsonDataBytes().toByteArray();
                if (!JsonText.isSingleValue(json)) {
                    throw new MalformedMessageException("'json_data' is not valid JSON", ackId);
                }
                yield Payload.json(json);
            }
            case DATA_NOT_SET -> throw new MalformedMessageException("'data' holds no content", ackId);
        };
    }
}
