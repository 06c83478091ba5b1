package io.hubbub.server.upstream;

import io.hubbub.protocol.Payload;

/** How a user event ended. */
public sealed interface UserEventOutcome {

    /** The handler answered 2xx; {@code reply} is relayed to the client, or null for nothing. */
    record Handled(Payload reply) implements UserEventOutcome {
    }

    /** Non-2xx, timeout, network error, or no handler reachable. */
    record Failed(String reason) implements UserEventOutcome {
    }
}
