package io.hubbub.server.hub;

import io.hubbub.protocol.json.JsonServerMessageEncoder;
import io.hubbub.protocol.protobuf.ProtobufServerMessageEncoder;

/**
 * The service's own messages (system, ack, pong, invoke response) in a PubSub subprotocol's encoding: JSON in text
 * frames, or protobuf in binary frames.
 */
public enum DownstreamEncoder {
    JSON(false) {
        @Override public byte[] connected(String id, String userId, String token) {
            return JsonServerMessageEncoder.connected(id, userId, token);
        }
        @Override public byte[] disconnected(String reason) {
            return JsonServerMessageEncoder.disconnected(reason);
        }
        @Override public byte[] ackSuccess(long ackId) {
            return JsonServerMessageEncoder.ackSuccess(ackId);
        }
        @Override public byte[] ackError(long ackId, String name, String message) {
            return JsonServerMessageEncoder.ackError(ackId, name, message);
        }
        @Override public byte[] pong() {
            return JsonServerMessageEncoder.pong();
        }
        @Override public byte[] invokeResponseError(String invocationId, String name, String message) {
            return JsonServerMessageEncoder.invokeResponseError(invocationId, name, message);
        }
    },
    PROTOBUF(true) {
        @Override public byte[] connected(String id, String userId, String token) {
            return ProtobufServerMessageEncoder.connected(id, userId, token);
        }
        @Override public byte[] disconnected(String reason) {
            return ProtobufServerMessageEncoder.disconnected(reason);
        }
        @Override public byte[] ackSuccess(long ackId) {
            return ProtobufServerMessageEncoder.ackSuccess(ackId);
        }
        @Override public byte[] ackError(long ackId, String name, String message) {
            return ProtobufServerMessageEncoder.ackError(ackId, name, message);
        }
        @Override public byte[] pong() {
            return ProtobufServerMessageEncoder.pong();
        }
        @Override public byte[] invokeResponseError(String invocationId, String name, String message) {
            return ProtobufServerMessageEncoder.invokeResponseError(invocationId, name, message);
        }
    };

    private final boolean binary;

    DownstreamEncoder(boolean binary) {
        this.binary = binary;
    }

    /** True if these messages travel in binary frames. */
    public boolean binary() {
        return binary;
    }

    public abstract byte[] connected(String connectionId, String userIdOrNull, String reconnectionTokenOrNull);

    public abstract byte[] disconnected(String reason);

    public abstract byte[] ackSuccess(long ackId);

    public abstract byte[] ackError(long ackId, String name, String message);

    public abstract byte[] pong();

    public abstract byte[] invokeResponseError(String invocationId, String name, String message);
}
