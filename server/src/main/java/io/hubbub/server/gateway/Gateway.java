package io.hubbub.server.gateway;

import io.hubbub.server.api.RestApiHandler;
import io.hubbub.server.auth.ClientTokenVerifier;
import io.hubbub.server.auth.ReconnectionTokens;
import io.hubbub.server.cluster.Backplane;
import io.hubbub.server.config.ServerConfig;
import io.hubbub.server.hub.LocalHub;
import io.hubbub.server.upstream.UpstreamEvents;

/**
 * Assembles the gateway's handlers for one node and starts its keep-alive timers; {@link #initializer()} is what the
 * server bootstrap installs.
 */
public final class Gateway {

    private final GatewayInitializer initializer;

    public Gateway(ServerConfig config, LocalHub hub, Backplane backplane, UpstreamEvents upstream,
            ClientTokenVerifier clientTokens, ReconnectionTokens reconnectionTokens, RestApiHandler api) {
        ConnectionLifecycle lifecycle = new ConnectionLifecycle(hub, upstream, config.reconnectWindowSeconds());
        ClientFrameHandler frames = new ClientFrameHandler(new PubSubMessageHandler(hub, backplane, upstream),
                new SimpleMessageHandler(backplane, upstream), lifecycle);
        WebSocketUpgrader upgrader = new WebSocketUpgrader(config, frames);
        ReliableRecovery recovery = new ReliableRecovery(config, hub, reconnectionTokens, upgrader);
        ClientHandshake handshake = new ClientHandshake(clientTokens, config, hub, upstream, upgrader, recovery,
                reconnectionTokens, frames);
        this.initializer = new GatewayInitializer(new HttpRequestDispatcher(api, handshake), config.maxMessageBytes());
        new KeepAlive(config, hub, System::nanoTime).start();
    }

    public GatewayInitializer initializer() {
        return initializer;
    }
}
