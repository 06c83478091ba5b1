package io.hubbub.server.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * How the nodes of a cluster reach each other: a bus every node listens to, and one inbox per node. Messages one node
 * sends on it arrive in the order it sent them. Delivery is at most once: a message sent while the transport is down
 * is lost (the sender is told), and the calls that wait for answers time out.
 *
 * <p>Found through {@link ClusterTransportProvider}; the Redis one lives in the {@code cluster-redis} module.
 */
public interface ClusterTransport extends AutoCloseable {

    /**
     * Starts listening on the bus and on {@code nodeId}'s inbox; {@code receiver} gets every message, on a thread of
     * the transport's own, one at a time. Completes once both are listened to.
     */
    CompletableFuture<Void> start(String nodeId, Consumer<byte[]> receiver);

    /** Sends {@code message} to every node, this one included. Completes exceptionally if it could not be sent. */
    CompletableFuture<Void> broadcast(byte[] message);

    /** Sends {@code message} to one node's inbox. */
    CompletableFuture<Void> send(String nodeId, byte[] message);

    /** Whether the transport is connected right now. */
    boolean isConnected();

    /** Stops listening and disconnects. */
    @Override
    void close();
}
