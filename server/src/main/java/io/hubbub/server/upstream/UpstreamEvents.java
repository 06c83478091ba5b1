package io.hubbub.server.upstream;

import io.hubbub.server.hub.ClientConnection;

/**
 * What the hub tells the app server about its clients (CloudEvents webhooks). The gateway calls it at the points of
 * a connection's life where the cloud service would.
 */
public interface UpstreamEvents {

    /** True if some handler of {@code hub} subscribes to user event {@code event}. */
    boolean handlesUserEvent(String hub, String event);

    /** The connection is established and its {@code connected} message was sent. Non-blocking. */
    void connected(ClientConnection connection);

    /** The logical connection ended. Non-blocking; called exactly once per connected connection. */
    void disconnected(ClientConnection connection, String reason);

    /** No event handlers: user events have nowhere to go. */
    UpstreamEvents NONE = new UpstreamEvents() {
        @Override
        public boolean handlesUserEvent(String hub, String event) {
            return false;
        }

        @Override
        public void connected(ClientConnection connection) {
        }

        @Override
        public void disconnected(ClientConnection connection, String reason) {
        }
    };
}
