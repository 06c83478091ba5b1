package io.hubbub.server.hub;

import io.hubbub.server.hub.permission.Roles;
import io.netty.channel.Channel;
import java.util.List;

/** Builds connections the way the handshake does, with defaults for what a test does not care about. */
public final class TestConnections {

    private TestConnections() {
    }

    public static ClientConnection connection(String id, String hub, String userId, ClientProtocol protocol,
            Channel channel) {
        return connection(id, hub, userId, protocol, channel, List.of(), null);
    }

    public static ClientConnection connection(String id, String hub, String userId, ClientProtocol protocol,
            Channel channel, List<String> roles, String publishGroup) {
        return new ClientConnection(id, hub, userId, protocol, channel, Roles.of(roles), publishGroup,
                protocol.subprotocol(), null);
    }
}
