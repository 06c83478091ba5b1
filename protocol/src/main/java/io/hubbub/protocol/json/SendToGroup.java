package io.hubbub.protocol.json;

import io.hubbub.protocol.Payload;
import java.util.Objects;

/** {@code {"type":"sendToGroup","group":"g1","ackId":3,"noEcho":false,"dataType":"text","data":"hello"}}. */
public record SendToGroup(String group, Payload payload, Long ackId, boolean noEcho) implements ClientMessage {
    public SendToGroup {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(payload, "payload");
    }
}
