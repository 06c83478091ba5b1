package io.hubbub.protocol.json;

/**
 * Client → service messages of the JSON subprotocols.
 *
 * <p>{@code ackId}: null when absent; otherwise an UNSIGNED 64-bit value held in a long (0 is valid; values above
 * 2^63-1 wrap, use {@link Long#toUnsignedString(long)} to print).
 */
public sealed interface ClientMessage
        permits JoinGroup, LeaveGroup, SendToGroup, EventMessage, SequenceAck, Ping, Invoke, CancelInvocation {
}
