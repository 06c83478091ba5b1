package io.hubbub.server.cluster;

import io.hubbub.server.hub.LocalHub.Member;
import io.hubbub.server.hub.OutboundMessage;
import io.hubbub.server.hub.Selector;
import io.hubbub.server.hub.Target;
import io.hubbub.server.hub.permission.Permission;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The one seam between "what the API asked for" and "where the connections are". Every send, group change, close,
 * permission change and existence check of the REST API and of clients goes through it. {@link LocalBackplane}
 * serves a single node; a clustered implementation forwards to the nodes that own the receivers and answers the
 * existence checks from shared state.
 *
 * <p>All methods are thread-safe and non-blocking. "Absent" results (a false or null) mean the connection is not
 * known anywhere.
 */
public interface Backplane {

    /** Delivers to the target's connections that the selector accepts; fire-and-forget. */
    void publish(String hub, Target target, OutboundMessage message, Selector selector);

    /**
     * Delivers to one connection; completes false if it is known not to exist (a cluster does not wait to find out
     * whether another node has it: it completes true once the message is on its way).
     */
    CompletableFuture<Boolean> sendToConnection(String hub, String connectionId, OutboundMessage message);

    /** Adds a connection to a group; completes false if the connection does not exist. */
    CompletableFuture<Boolean> addConnectionToGroup(String hub, String connectionId, String group);

    CompletableFuture<Void> removeConnectionFromGroup(String hub, String connectionId, String group);

    CompletableFuture<Void> removeConnectionFromAllGroups(String hub, String connectionId);

    /** Adds every accepted connection of the target to each group. */
    CompletableFuture<Void> addToGroups(String hub, Target target, Selector selector, Collection<String> groups);

    /** Removes every accepted connection of the target from each group, or from all groups when {@code groups} is null. */
    CompletableFuture<Void> removeFromGroups(String hub, Target target, Selector selector, Collection<String> groups);

    /** Closes the target's accepted connections with {@code reason}. */
    CompletableFuture<Void> close(String hub, Target target, Selector selector, String reason);

    CompletableFuture<Void> closeConnection(String hub, String connectionId, String reason);

    CompletableFuture<Boolean> connectionExists(String hub, String connectionId);

    CompletableFuture<Boolean> groupExists(String hub, String group);

    CompletableFuture<Boolean> userExists(String hub, String userId);

    /** Grants a permission for a group (null = all groups); completes false if the connection does not exist. */
    CompletableFuture<Boolean> grantPermission(String hub, String connectionId, Permission permission, String group);

    CompletableFuture<Void> revokePermission(String hub, String connectionId, Permission permission, String group);

    /** Completes true if the connection exists and holds the permission. */
    CompletableFuture<Boolean> checkPermission(String hub, String connectionId, Permission permission, String group);

    /** A group's members sorted by connection id. */
    CompletableFuture<List<Member>> groupMembers(String hub, String group);

    /** Whether every node this one depends on can be reached: false while a cluster's transport is down. */
    default boolean isHealthy() {
        return true;
    }
}
