package io.hubbub.protocol.json;

/**
 * {@code {"type":"sequenceAck","sequenceId":3}}, reliable subprotocol only. {@code sequenceId} is unsigned 64-bit
 * held in a long, like {@code ackId}.
 */
public record SequenceAck(long sequenceId) implements ClientMessage {
}
