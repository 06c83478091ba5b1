package io.hubbub.protocol.json;

/**
 * A client frame that is not a valid message. Carries the frame's {@code ackId} when one could be read, so the
 * caller can ack {@code BadRequest}; otherwise the frame is ignored (PROTOCOL.md §5.3).
 *
 * <p>No stack trace: this is an expected outcome of bad client input, not a bug, and clients control its rate.
 */
public final class MalformedMessageException extends Exception {

    private final Long ackId;

    public MalformedMessageException(String message, Long ackId) {
        super(message, null, false, false);
        this.ackId = ackId;
    }

    /** The unsigned 64-bit ackId of the frame, or null when it had none or it was unreadable. */
    public Long ackId() {
        return ackId;
    }
}
