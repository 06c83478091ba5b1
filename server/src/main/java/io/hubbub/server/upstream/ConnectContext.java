package io.hubbub.server.upstream;

import io.hubbub.server.auth.ClientIdentity;
import java.util.List;
import java.util.Map;

/** What the {@code connect} event tells the handler about a client that is about to connect. */
public record ConnectContext(String hub, String connectionId, ClientIdentity identity,
        Map<String, List<String>> query, Map<String, List<String>> headers, List<String> subprotocols) {
}
