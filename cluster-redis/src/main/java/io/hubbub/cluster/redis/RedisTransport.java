package io.hubbub.cluster.redis;

import io.hubbub.server.cluster.ClusterTransport;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's bus and inboxes as Redis pub/sub channels: {@code hubbub:<cluster>:bus}, which every node
 * subscribes to, and {@code hubbub:<cluster>:node:<id>}, each node's own. Nothing is stored in Redis.
 *
 * <p>One connection publishes and one subscribes, so what a node sends arrives everywhere in the order it was sent.
 * While Redis is unreachable, sends fail at once (rather than queueing without bound) and Lettuce reconnects in the
 * background, subscribing again. Sends that were on their way when the connection dropped are sent again after the
 * reconnect; the receiving side drops those it already had (by their sequence numbers). A subscriber that falls
 * behind by more than Redis's pub/sub output buffer limit is disconnected by Redis and loses what was in it.
 */
final class RedisTransport implements ClusterTransport {

    private static final Logger log = LoggerFactory.getLogger(RedisTransport.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_QUEUED_SENDS = 100_000;

    private final RedisClient client;
    private final String channelPrefix;
    private final byte[] bus;
    private volatile StatefulRedisConnection<byte[], byte[]> publisher;
    private volatile StatefulRedisPubSubConnection<byte[], byte[]> subscriber;

    RedisTransport(URI uri, String clusterName) {
        RedisURI redisUri = RedisURI.create(uri);
        redisUri.setTimeout(COMMAND_TIMEOUT);
        this.client = RedisClient.create(redisUri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                // A Redis that is connected but stalled must not pile up sends without bound.
                .requestQueueSize(MAX_QUEUED_SENDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        this.channelPrefix = "hubbub:" + clusterName + ":";
        this.bus = (channelPrefix + "bus").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public CompletableFuture<Void> start(String nodeId, Consumer<byte[]> receiver) {
        try {
            publisher = client.connect(ByteArrayCodec.INSTANCE);
            subscriber = client.connectPubSub(ByteArrayCodec.INSTANCE);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] channel, byte[] message) {
                try {
                    receiver.accept(message);
                } catch (RuntimeException e) {
                    log.warn("a cluster message failed", e);
                }
            }
        });
        return subscriber.async().subscribe(bus, inbox(nodeId)).toCompletableFuture().thenApply(v -> null);
    }

    @Override
    public CompletableFuture<Void> broadcast(byte[] message) {
        return publish(bus, message);
    }

    @Override
    public CompletableFuture<Void> send(String nodeId, byte[] message) {
        return publish(inbox(nodeId), message);
    }

    private CompletableFuture<Void> publish(byte[] channel, byte[] message) {
        StatefulRedisConnection<byte[], byte[]> p = publisher;
        if (p == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("not started"));
        }
        try {
            return p.async().publish(channel, message).toCompletableFuture().thenApply(receivers -> null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private byte[] inbox(String nodeId) {
        return (channelPrefix + "node:" + nodeId).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean isConnected() {
        StatefulRedisConnection<byte[], byte[]> p = publisher;
        StatefulRedisPubSubConnection<byte[], byte[]> s = subscriber;
        return p != null && s != null && p.isOpen() && s.isOpen();
    }

    @Override
    public void close() {
        if (subscriber != null) {
            subscriber.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
