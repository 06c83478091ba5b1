package io.hubbub.server.upstream;

import io.hubbub.protocol.cloudevents.ConnectResponse;

/** The handler's verdict on a connecting client. */
public sealed interface ConnectOutcome {

    /** Connect; the response may set user, groups, roles, subprotocol, and the connection state. */
    record Accepted(ConnectResponse response, String connectionState) implements ConnectOutcome {
    }

    /** Refuse the upgrade with this HTTP status and text. */
    record Rejected(int status, String body) implements ConnectOutcome {
    }

    ConnectOutcome ACCEPT_AS_IS = new Accepted(ConnectResponse.EMPTY, null);
}
