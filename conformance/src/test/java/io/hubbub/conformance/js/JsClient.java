package io.hubbub.conformance.js;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@code WebPubSubClient} (on {@code WebPubSubJsonProtocol()}) living in the client-SDK driver, with the events it
 * emitted queued in order: {@code connected}, {@code disconnected}, {@code stopped}, {@code server-message},
 * {@code group-message}, {@code rejoin-group-failed}.
 */
final class JsClient {

    static final Duration EVENT_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> DATA_EVENTS = Set.of("server-message", "group-message");

    private final NodeDriver driver;
    private final String name;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    /** From the latest {@code connected} event; written by the driver's stdout thread. */
    private volatile String connectionId;

    JsClient(NodeDriver driver, String name) {
        this.driver = driver;
        this.name = name;
    }

    String name() {
        return name;
    }

    /** The connection id the latest {@code connected} event reported; null before the first. */
    String connectionId() {
        return connectionId;
    }

    /** Called by the fixture for every event line naming this client. */
    void onEvent(JsonNode event) {
        if ("connected".equals(event.path("event").asText())) {
            connectionId = event.path("connectionId").asText();
        }
        events.add(event);
    }

    /** Calls the method and waits for it to settle; a rejection throws {@link JsError}. */
    JsonNode invoke(String method, Object... args) {
        return driver.call(command(method, args));
    }

    CompletableFuture<JsonNode> invokeAsync(String method, Object... args) {
        return driver.callAsync(command(method, args));
    }

    /** {@code client.start()}, then waits for the {@code connected} event, which it returns. */
    JsonNode startAndAwaitConnected() {
        invoke("start");
        return nextEvent("connected");
    }

    /** The next event, which must be of this type. */
    JsonNode nextEvent(String type) {
        JsonNode event = poll(EVENT_TIMEOUT);
        if (event == null) {
            throw new AssertionError(name + ": no event within " + EVENT_TIMEOUT + ", expected " + type);
        }
        assertThat(event.path("event").asText()).as("next event of %s: %s", name, event).isEqualTo(type);
        return event;
    }

    /** Skips events until one matches; fails after 5 s, listing what it skipped. */
    JsonNode nextEventMatching(Predicate<JsonNode> predicate) {
        long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
        List<JsonNode> skipped = new ArrayList<>();
        while (true) {
            JsonNode event = poll(Duration.ofNanos(deadline - System.nanoTime()));
            if (event == null) {
                throw new AssertionError(name + ": no matching event within " + EVENT_TIMEOUT + "; skipped " + skipped);
            }
            if (predicate.test(event)) {
                return event;
            }
            skipped.add(event);
        }
    }

    /** The {@code message} of the next {@code server-message} or {@code group-message} event, skipping none. */
    JsonNode nextDataMessage() {
        JsonNode event = poll(EVENT_TIMEOUT);
        if (event == null) {
            throw new AssertionError(name + ": no message within " + EVENT_TIMEOUT);
        }
        assertThat(DATA_EVENTS).as("next event of %s: %s", name, event).contains(event.path("event").asText());
        return event.path("message");
    }

    private JsonNode poll(Duration timeout) {
        try {
            return events.poll(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode command(String method, Object... args) {
        ObjectNode command = NodeDriver.command("invoke").put("client", name).put("method", method);
        ArrayNode list = command.putArray("args");
        for (Object arg : args) {
            list.add(NodeDriver.toJson(arg));
        }
        return command;
    }
}
