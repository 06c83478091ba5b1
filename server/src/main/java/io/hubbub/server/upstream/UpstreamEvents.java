package io.hubbub.server.upstream;

import io.hubbub.protocol.Payload;
import io.hubbub.server.hub.ClientConnection;
import java.util.concurrent.CompletableFuture;

/**
 * What the hub tells the app server about its clients (CloudEvents webhooks), at the points of a connection's life
 * where the cloud service would. Events of one connection reach the handler in order: connect, connected, user
 * events, disconnected.
 */
public interface UpstreamEvents {

    /** True if some handler of {@code hub} subscribes to user event {@code event}. */
    boolean handlesUserEvent(String hub, String event);

    /** True if some handler of {@code hub} subscribes to the blocking {@code connect} event. */
    boolean handlesConnect(String hub);

    /** The blocking connect event, before the upgrade; only called when {@link #handlesConnect} is true. */
    CompletableFuture<ConnectOutcome> connect(ConnectContext context);

    /** The connection is established and its {@code connected} message was sent. Non-blocking. */
    void connected(ClientConnection connection);

    /** A blocking user event; only called when {@link #handlesUserEvent} is true. */
    CompletableFuture<UserEventOutcome> userEvent(ClientConnection connection, String event, Payload payload);

    /** The logical connection ended. Non-blocking; called exactly once per connected connection. */
    void disconnected(ClientConnection connection, String reason);

    /** No event handlers: user events have nowhere to go. */
    UpstreamEvents NONE = new UpstreamEvents() {
        @Override
        public boolean handlesUserEvent(String hub, String event) {
            return false;
        }

        @Override
        public boolean handlesConnect(String hub) {
            return false;
        }

        @Override
        public CompletableFuture<ConnectOutcome> connect(ConnectContext context) {
            return CompletableFuture.completedFuture(ConnectOutcome.ACCEPT_AS_IS);
        }

        @Override
        public void connected(ClientConnection connection) {
        }

        @Override
        public CompletableFuture<UserEventOutcome> userEvent(ClientConnection c, String event, Payload payload) {
            return CompletableFuture.completedFuture(new UserEventOutcome.Failed("no event handler"));
        }

        @Override
        public void disconnected(ClientConnection connection, String reason) {
        }
    };
}
