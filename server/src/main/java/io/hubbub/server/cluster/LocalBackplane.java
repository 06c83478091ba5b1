package io.hubbub.server.cluster;

import io.hubbub.server.hub.ClientConnection;
import io.hubbub.server.hub.LocalHub.Member;
import io.hubbub.server.hub.LocalHub;
import io.hubbub.server.hub.OutboundMessage;
import io.hubbub.server.hub.Selector;
import io.hubbub.server.hub.Target;
import io.hubbub.server.hub.permission.Permission;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The backplane of a single node: everything is answered by this node's {@link LocalHub}. */
public final class LocalBackplane implements Backplane {

    /** Close code for connections ended by the service or the app server (non-reliable clients). */
    public static final int CLOSE_NORMAL = 1000;

    private final LocalHub hub;

    public LocalBackplane(LocalHub hub) {
        this.hub = hub;
    }

    @Override
    public void publish(String hubName, Target target, OutboundMessage message, Selector selector) {
        hub.publish(hubName, target, message, selector);
    }

    @Override
    public CompletableFuture<Boolean> sendToConnection(String hubName, String connectionId, OutboundMessage message) {
        return CompletableFuture.completedFuture(hub.publishToConnection(hubName, connectionId, message));
    }

    @Override
    public CompletableFuture<Boolean> addConnectionToGroup(String hubName, String connectionId, String group) {
        return hub.onConnection(hubName, connectionId, c -> {
            hub.join(c, group);
            return Boolean.TRUE;
        }).thenApply(found -> found != null);
    }

    @Override
    public CompletableFuture<Void> removeConnectionFromGroup(String hubName, String connectionId, String group) {
        return hub.onConnection(hubName, connectionId, c -> hub.leave(c, group)).thenApply(x -> null);
    }

    @Override
    public CompletableFuture<Void> removeConnectionFromAllGroups(String hubName, String connectionId) {
        return hub.onConnection(hubName, connectionId, c -> {
            hub.leaveAll(c);
            return Boolean.TRUE;
        }).thenApply(x -> null);
    }

    @Override
    public CompletableFuture<Void> addToGroups(String hubName, Target target, Selector selector,
            Collection<String> groups) {
        List<String> list = List.copyOf(groups);
        return hub.forEach(hubName, target, selector, c -> list.forEach(g -> hub.join(c, g)));
    }

    @Override
    public CompletableFuture<Void> removeFromGroups(String hubName, Target target, Selector selector,
            Collection<String> groups) {
        if (groups == null) {
            return hub.forEach(hubName, target, selector, hub::leaveAll);
        }
        List<String> list = List.copyOf(groups);
        return hub.forEach(hubName, target, selector, c -> list.forEach(g -> hub.leave(c, g)));
    }

    @Override
    public CompletableFuture<Void> close(String hubName, Target target, Selector selector, String reason) {
        return hub.forEach(hubName, target, selector, c -> c.close(CLOSE_NORMAL, reason));
    }

    @Override
    public CompletableFuture<Void> closeConnection(String hubName, String connectionId, String reason) {
        return hub.onConnection(hubName, connectionId, c -> {
            c.close(CLOSE_NORMAL, reason);
            return Boolean.TRUE;
        }).thenApply(x -> null);
    }

    @Override
    public CompletableFuture<Boolean> connectionExists(String hubName, String connectionId) {
        return CompletableFuture.completedFuture(hub.connectionExists(hubName, connectionId));
    }

    @Override
    public CompletableFuture<Boolean> groupExists(String hubName, String group) {
        return CompletableFuture.completedFuture(hub.groupExists(hubName, group));
    }

    @Override
    public CompletableFuture<Boolean> userExists(String hubName, String userId) {
        return CompletableFuture.completedFuture(hub.userExists(hubName, userId));
    }

    @Override
    public CompletableFuture<Boolean> grantPermission(String hubName, String connectionId, Permission permission,
            String group) {
        return hub.onConnection(hubName, connectionId, c -> {
            c.roles().grant(permission, group);
            return Boolean.TRUE;
        }).thenApply(found -> found != null);
    }

    @Override
    public CompletableFuture<Void> revokePermission(String hubName, String connectionId, Permission permission,
            String group) {
        return hub.onConnection(hubName, connectionId, c -> {
            c.roles().revoke(permission, group);
            return Boolean.TRUE;
        }).thenApply(x -> null);
    }

    @Override
    public CompletableFuture<Boolean> checkPermission(String hubName, String connectionId, Permission permission,
            String group) {
        return hub.onConnection(hubName, connectionId, (ClientConnection c) -> c.roles().check(permission, group))
                .thenApply(allowed -> allowed != null && allowed);
    }

    @Override
    public CompletableFuture<List<Member>> groupMembers(String hubName, String group) {
        return hub.groupMembers(hubName, group).thenApply(ArrayList::new);
    }
}
