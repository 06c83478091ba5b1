package io.hubbub.server.upstream;

import io.hubbub.server.hub.ClientConnection;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The order of one connection's events: connect, connected, user events in frame order, disconnected. A user event
 * waits for the event before it, but only for the first attempt of a {@code connected} event: its retries go on in
 * the background, so they never hold up message traffic. {@code disconnected} waits for everything. Owner loop only.
 */
final class EventQueue {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private long lastEventId;
    private volatile String signature; // may be read by a webhook thread; computing it twice is harmless
    private CompletableFuture<Void> tail = DONE;
    private CompletableFuture<Void> retries = DONE;

    static EventQueue of(ClientConnection c) {
        EventQueue queue = (EventQueue) c.upstreamAttachment();
        if (queue == null) {
            queue = new EventQueue();
            c.upstreamAttachment(queue);
        }
        return queue;
    }

    /** The connection's ce-signature: the same for every event of a connection, so computed once. */
    String signature(Supplier<String> compute) {
        if (signature == null) {
            signature = compute.get();
        }
        return signature;
    }

    /** The next ce-id of this connection's events (connect used 0). */
    long nextEventId() {
        return ++lastEventId;
    }

    /** A blocking event: runs after the previous event; the next one waits for it. */
    <T> CompletableFuture<T> blocking(Supplier<CompletableFuture<T>> event) {
        CompletableFuture<T> result = after(tail, event);
        tail = result.handle((r, e) -> null);
        return result;
    }

    /**
     * A non-blocking event with retries: {@code event} gets a future to complete after its first attempt; later
     * events wait for that only, except the last one, which waits for all retries too.
     */
    void nonBlocking(Function<CompletableFuture<Void>, CompletableFuture<Void>> event, boolean last) {
        CompletableFuture<Void> prior = last ? CompletableFuture.allOf(tail, retries) : tail;
        CompletableFuture<Void> firstAttempt = new CompletableFuture<>();
        CompletableFuture<Void> whole = after(prior, () -> event.apply(firstAttempt));
        whole.whenComplete((r, e) -> firstAttempt.complete(null));
        tail = firstAttempt;
        CompletableFuture<Void> previousRetries = retries;
        retries = CompletableFuture.allOf(previousRetries, whole.handle((r, e) -> null));
    }

    private static <T> CompletableFuture<T> after(CompletableFuture<Void> prior, Supplier<CompletableFuture<T>> next) {
        return prior.isDone() ? next.get() : prior.thenCompose(v -> next.get());
    }
}
