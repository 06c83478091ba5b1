package io.hubbub.protocol.json;

import io.hubbub.protocol.Payload;
import java.util.Objects;

/**
 * Preview {@code {"type":"invoke","invocationId":"1","target":"event","event":"e","dataType":"text","data":"x"}},
 * decoded so the server can answer {@code NotSupported}. {@code payload} is null when {@code data} is absent;
 * {@code target} is not checked, so any future target still gets an answer.
 */
public record Invoke(String invocationId, String event, Payload payload) implements ClientMessage {
    public Invoke {
        Objects.requireNonNull(invocationId, "invocationId");
        Objects.requireNonNull(event, "event");
    }
}
