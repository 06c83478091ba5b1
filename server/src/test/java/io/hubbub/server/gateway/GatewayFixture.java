package io.hubbub.server.gateway;

import io.hubbub.protocol.Payload;
import io.hubbub.server.cluster.LocalBackplane;
import io.hubbub.server.hub.ClientConnection;
import io.hubbub.server.hub.ClientProtocol;
import io.hubbub.server.hub.LocalHub;
import io.hubbub.server.hub.ServerFrames;
import io.hubbub.server.hub.SharedLoop;
import io.hubbub.server.hub.TestConnections;
import io.hubbub.server.upstream.ConnectContext;
import io.hubbub.server.upstream.ConnectOutcome;
import io.hubbub.server.upstream.UpstreamEvents;
import io.hubbub.server.upstream.UserEventOutcome;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Upgraded client channels as the handshake leaves them (connection attached with its inbound gate, registered,
 * open), with only the {@link ClientFrameHandler} in the pipeline, all on one hand-driven event loop.
 */
final class GatewayFixture implements AutoCloseable {

    static final int RECONNECT_WINDOW_SECONDS = 60;

    final SharedLoop loop = new SharedLoop();
    final LocalHub hub = new LocalHub(loop.loop());
    final RecordingUpstream upstream = new RecordingUpstream();
    final LocalBackplane backplane = new LocalBackplane(hub);
    final ConnectionLifecycle lifecycle = new ConnectionLifecycle(hub, upstream, RECONNECT_WINDOW_SECONDS);
    final ClientFrameHandler frames = new ClientFrameHandler(new PubSubMessageHandler(hub, backplane, upstream),
            new SimpleMessageHandler(backplane, upstream), lifecycle);

    /** A channel whose connection is not registered yet, as during the upgrade. */
    ClientConnection attach(String id, String userId, ClientProtocol protocol, List<String> roles,
            String publishGroup) {
        EmbeddedChannel channel = loop.newChannel(frames);
        ClientConnection c = TestConnections.connection(id, "chat", userId, protocol, channel, roles, publishGroup);
        // as ClientHandshake.upgrade does
        c.gatewayAttachment(new InboundGate(c, frames::dispatch));
        c.onEndWithoutSocket(lifecycle::end);
        channel.attr(ClientHandshake.CONNECTION).set(c);
        return c;
    }

    ClientConnection open(String id, String userId, ClientProtocol protocol, List<String> roles,
            String publishGroup) {
        ClientConnection c = attach(id, userId, protocol, roles, publishGroup);
        hub.register(c);
        c.markOpen();
        return c;
    }

    ClientConnection json(String id, String userId, String... roles) {
        return open(id, userId, ClientProtocol.JSON, List.of(roles), null);
    }

    static EmbeddedChannel channel(ClientConnection c) {
        return (EmbeddedChannel) c.channel();
    }

    /** Text frames sent to {@code c} so far, once the loop has run its pending tasks. */
    List<String> texts(ClientConnection c) {
        loop.runTasks();
        return ServerFrames.texts(channel(c));
    }

    List<ServerFrames.Frame> frames(ClientConnection c) {
        loop.runTasks();
        return ServerFrames.drain(channel(c));
    }

    @Override
    public void close() {
        loop.close();
    }

    /** Upstream without HTTP: records the events and answers user events as the test says. */
    static final class RecordingUpstream implements UpstreamEvents {
        final Set<String> handledEvents = new HashSet<>();
        final List<String> connected = new ArrayList<>();
        final List<String> userEvents = new ArrayList<>();
        final List<Payload> userEventPayloads = new ArrayList<>();
        final List<String> disconnected = new ArrayList<>();
        CompletableFuture<UserEventOutcome> nextOutcome =
                CompletableFuture.completedFuture(new UserEventOutcome.Handled(null));

        @Override
        public boolean handlesUserEvent(String hub, String event) {
            return handledEvents.contains(event);
        }

        @Override
        public boolean handlesConnect(String hub) {
            return false;
        }

        @Override
        public CompletableFuture<ConnectOutcome> connect(ConnectContext context) {
            throw new AssertionError("no connect handler is configured");
        }

        @Override
        public void connected(ClientConnection connection) {
            connected.add(connection.connectionId());
        }

        @Override
        public CompletableFuture<UserEventOutcome> userEvent(ClientConnection connection, String event,
                Payload payload) {
            userEvents.add(connection.connectionId() + ": " + event);
            userEventPayloads.add(payload);
            return nextOutcome;
        }

        @Override
        public void disconnected(ClientConnection connection, String reason) {
            disconnected.add(connection.connectionId() + ": " + reason);
        }
    }
}
