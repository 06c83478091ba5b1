package io.hubbub.server.upstream;

import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One request to an event handler, from the moment it holds an in-flight slot until it is answered, failed or
 * timed out. It completes once, and then gives its slot back. Once started, only the event loop of its
 * {@link HandlerConnections} touches it.
 */
final class Exchange {

    private final Supplier<WebhookRequest> requestFactory;
    private final HandlerConnections connections;
    private final Runnable releaseSlot;
    private final CompletableFuture<WebhookResponse> result = new CompletableFuture<>();
    private WebhookRequest request;
    private ScheduledFuture<?> timeout;
    private WebhookResponseHandler sentOn; // null while connecting
    private boolean retried;
    private boolean done;

    Exchange(Supplier<WebhookRequest> requestFactory, HandlerConnections connections, Runnable releaseSlot) {
        this.requestFactory = requestFactory;
        this.connections = connections;
        this.releaseSlot = releaseSlot;
    }

    CompletableFuture<WebhookResponse> result() {
        return result;
    }

    HandlerConnections connections() {
        return connections;
    }

    WebhookRequest request() {
        return request;
    }

    boolean isDone() {
        return done;
    }

    /** Builds the request and arms its timeout; false if building it failed, which failed the exchange. */
    boolean begin() {
        try {
            request = requestFactory.get();
        } catch (RuntimeException e) {
            fail(e);
            return false;
        }
        timeout = connections.loop().schedule(this::timeOut, request.timeout().toNanos(), TimeUnit.NANOSECONDS);
        return true;
    }

    void sentOn(WebhookResponseHandler connection) {
        sentOn = connection;
    }

    /** The one retry, on a fresh connection, of a request a reused connection failed before it was written. */
    boolean retryOnce() {
        if (retried || done) {
            return false;
        }
        retried = true;
        sentOn = null;
        return true;
    }

    void succeed(WebhookResponse response) {
        if (finish()) {
            result.complete(response);
        }
    }

    void fail(Throwable cause) {
        if (finish()) {
            result.completeExceptionally(cause);
        }
    }

    /** Never started (closed client, stopped loop): completes without a slot to give back. Any thread. */
    void reject(Throwable cause) {
        done = true;
        result.completeExceptionally(cause);
    }

    private boolean finish() {
        if (done) {
            return false;
        }
        done = true;
        sentOn = null;
        if (timeout != null) {
            timeout.cancel(false);
        }
        releaseSlot.run();
        return true;
    }

    private void timeOut() {
        WebhookResponseHandler connection = sentOn;
        fail(new TimeoutException("the event handler did not answer within " + request.timeout().toMillis()
                + " ms"));
        if (connection != null) {
            connection.abandon(this);
        }
    }
}
