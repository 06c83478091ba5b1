package io.hubbub.conformance.reliable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hubbub.conformance.js.NodeDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code node reliable-client-driver.mjs} over {@link NodeDriver}: official {@code @azure/web-pubsub-client} 1.0.4
 * clients on their default protocol, {@code json.reliable.webpubsub.azure.v1}. Lifecycle events are queued per
 * client; data messages stay in Node until asked for. Closing kills the process.
 */
final class ReliableSdkDriver implements AutoCloseable {

    static final Duration CALL_TIMEOUT = NodeDriver.CALL_TIMEOUT;
    private static final String SCRIPT = "reliable-client-driver.mjs";

    private final Map<String, BlockingQueue<JsonNode>> events = new ConcurrentHashMap<>();
    private final NodeDriver node;

    private ReliableSdkDriver() {
        this.node = NodeDriver.start(SCRIPT, event -> {
            BlockingQueue<JsonNode> queue = events.get(event.path("client").asText());
            if (queue != null) {
                queue.add(event);
            }
        });
    }

    static ReliableSdkDriver start() {
        return new ReliableSdkDriver();
    }

    /** {@code new WebPubSubClient(url, options)}, not started; its events are queued from now on. */
    void create(String client, String url, Map<String, Object> options) {
        events.putIfAbsent(client, new LinkedBlockingQueue<>());
        JsonNode answer = call(command("create", client).put("url", url).set("options", NodeDriver.toJson(options)));
        if (!"json.reliable.webpubsub.azure.v1".equals(answer.path("protocol").asText())) {
            throw new AssertionError("the SDK's default protocol is not the reliable one: " + answer);
        }
    }

    /** Calls {@code client[method](...args)} and waits for it to settle. */
    JsonNode invoke(String client, String method, Object... args) {
        return call(command("invoke", client).put("method", method).set("args", NodeDriver.toJson(List.of(args))));
    }

    ObjectNode command(String op, String client) {
        return NodeDriver.command(op).put("client", client);
    }

    JsonNode call(ObjectNode command) {
        return node.call(command);
    }

    JsonNode await(CompletableFuture<JsonNode> answer, Duration timeout, Object what) {
        return node.await(answer, timeout, what);
    }

    CompletableFuture<JsonNode> callAsync(ObjectNode command) {
        return node.callAsync(command);
    }

    /** The next lifecycle event of {@code client}, which must be of this type. */
    JsonNode nextEvent(String client, String type, Duration timeout) {
        JsonNode event = pollEvent(client, timeout);
        if (event == null) {
            throw new AssertionError(client + ": no event within " + timeout + ", expected " + type);
        }
        if (!type.equals(event.path("event").asText())) {
            throw new AssertionError(client + ": expected " + type + " but the next event was " + event);
        }
        return event;
    }

    /** The lifecycle events of {@code client} not read yet, removed from its queue. */
    List<JsonNode> drainEvents(String client) {
        List<JsonNode> out = new ArrayList<>();
        events.get(client).drainTo(out);
        return out;
    }

    JsonNode pollEvent(String client, Duration timeout) {
        try {
            return events.get(client).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        node.close();
    }
}
