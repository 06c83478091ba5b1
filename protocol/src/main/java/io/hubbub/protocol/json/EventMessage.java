package io.hubbub.protocol.json;

import io.hubbub.protocol.Payload;
import java.util.Objects;

/** {@code {"type":"event","event":"myevent","ackId":6,"dataType":"json","data":{"b":2}}}. */
public record EventMessage(String event, Payload payload, Long ackId) implements ClientMessage {
    public EventMessage {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(payload, "payload");
    }
}
