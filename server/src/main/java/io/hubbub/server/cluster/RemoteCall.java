package io.hubbub.server.cluster;

import io.hubbub.server.hub.OutboundMessage;
import io.hubbub.server.hub.Selector;
import io.hubbub.server.hub.Target;
import io.hubbub.server.hub.permission.Permission;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link Backplane} call as it travels to the other nodes of a cluster: each node runs it against its own
 * {@link LocalBackplane} and answers with what that returned (a Boolean, nothing, or a list of members).
 */
sealed interface RemoteCall {

    /** Runs this call on a node's own connections. */
    CompletableFuture<?> runOn(Backplane local);

    /** The message itself, not a call: fire-and-forget, nobody answers. */
    record Publish(String hub, Target target, Selector selector, OutboundMessage message) implements RemoteCall {
        @Override
        public CompletableFuture<?> runOn(Backplane local) {
            local.publish(hub, target, message, selector);
            return CompletableFuture.completedFuture(null);
        }
    }

    record SendToConnection(String hub, String connectionId, OutboundMessage message) implements RemoteCall {
        @Override
        public CompletableFuture<Boolean> runOn(Backplane local) {
            return local.sendToConnection(hub, connectionId, message);
        }
    }

    record AddConnectionToGroup(String hub, String connectionId, String group) implements RemoteCall {
        @Override
        public CompletableFuture<Boolean> runOn(Backplane local) {
            return local.addConnectionToGroup(hub, connectionId, group);
        }
    }

    record RemoveConnectionFromGroup(String hub, String connectionId, String group) implements RemoteCall {
        @Override
        public CompletableFuture<Void> runOn(Backplane local) {
            return local.removeConnectionFromGroup(hub, connectionId, group);
        }
    }

    record RemoveConnectionFromAllGroups(String hub, String connectionId) implements RemoteCall {
        @Override
        public CompletableFuture<Void> runOn(Backplane local) {
            return local.removeConnectionFromAllGroups(hub, connectionId);
        }
    }

    /** {@code groups} null: every group (removal only). */
    record ChangeGroups(boolean add, String hub, Target target, Selector selector, List<String> groups)
            implements RemoteCall {
        @Override
        public CompletableFuture<Void> runOn(Backplane local) {
            return add ? local.addToGroups(hub, target, selector, groups)
                    : local.removeFromGroups(hub, target, selector, groups);
        }
    }

    record Close(String hub, Target target, Selector selector, String reason) implements RemoteCall {
        @Override
        public CompletableFuture<Void> runOn(Backplane local) {
            return local.close(hub, target, selector, reason);
        }
    }

    record CloseConnection(String hub, String connectionId, String reason) implements RemoteCall {
        @Override
        public CompletableFuture<Void> runOn(Backplane local) {
            return local.closeConnection(hub, connectionId, reason);
        }
    }

    record ConnectionExists(String hub, String connectionId) implements RemoteCall {
        @Override
        public CompletableFuture<Boolean> runOn(Backplane local) {
            return local.connectionExists(hub, connectionId);
        }
    }

    record GroupExists(String hub, String group) implements RemoteCall {
        @Override
        public CompletableFuture<Boolean> runOn(Backplane local) {
            return local.groupExists(hub, group);
        }
    }

    record UserExists(String hub, String userId) implements RemoteCall {
        @Override
        public CompletableFuture<Boolean> runOn(Backplane local) {
            return local.userExists(hub, userId);
        }
    }

    /** Grant, revoke or check, by {@code action}. */
    record PermissionCall(PermissionAction action, String hub, String connectionId, Permission permission,
            String group) implements RemoteCall {
        @Override
        public CompletableFuture<?> runOn(Backplane local) {
            return switch (action) {
                case GRANT -> local.grantPermission(hub, connectionId, permission, group);
                case REVOKE -> local.revokePermission(hub, connectionId, permission, group);
                case CHECK -> local.checkPermission(hub, connectionId, permission, group);
            };
        }
    }

    enum PermissionAction { GRANT, REVOKE, CHECK }

    record GroupMembers(String hub, String group) implements RemoteCall {
        @Override
        public CompletableFuture<?> runOn(Backplane local) {
            return local.groupMembers(hub, group);
        }
    }
}
