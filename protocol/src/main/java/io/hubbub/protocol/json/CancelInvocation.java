package io.hubbub.protocol.json;

import java.util.Objects;

/** Preview {@code {"type":"cancelInvocation","invocationId":"1"}}. */
public record CancelInvocation(String invocationId) implements ClientMessage {
    public CancelInvocation {
        Objects.requireNonNull(invocationId, "invocationId");
    }
}
