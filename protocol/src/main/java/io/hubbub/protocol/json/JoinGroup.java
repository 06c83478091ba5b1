package io.hubbub.protocol.json;

import java.util.Objects;

/** {@code {"type":"joinGroup","group":"g1","ackId":1}}. */
public record JoinGroup(String group, Long ackId) implements ClientMessage {
    public JoinGroup {
        Objects.requireNonNull(group, "group");
    }
}
