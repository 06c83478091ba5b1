package io.hubbub.protocol.json;

import java.util.Objects;

/** {@code {"type":"leaveGroup","group":"g1","ackId":2}}. */
public record LeaveGroup(String group, Long ackId) implements ClientMessage {
    public LeaveGroup {
        Objects.requireNonNull(group, "group");
    }
}
