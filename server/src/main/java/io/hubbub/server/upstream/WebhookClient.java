package io.hubbub.server.upstream;

import io.hubbub.server.config.UpstreamSettings;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * HTTP calls to event handlers: HTTP/1.1 with pooled connections, a response size limit, and a node-wide bound on
 * requests in flight (excess requests wait their turn instead of opening ever more sockets).
 */
final class WebhookClient implements AutoCloseable {

    private final HttpClient http;
    private final ExecutorService executor;
    private final int maxResponseBytes;
    private final int maxInFlight;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int inFlight; // guarded by this

    WebhookClient(UpstreamSettings settings) {
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "hubbub-webhooks");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        this.maxResponseBytes = settings.maxResponseBytes();
        this.maxInFlight = settings.maxConcurrentRequests();
    }

    /** Sends the request built by {@code request} once a slot is free. */
    CompletableFuture<WebhookResponse> send(Supplier<HttpRequest> request) {
        CompletableFuture<WebhookResponse> result = new CompletableFuture<>();
        Runnable start = () -> {
            try {
                http.sendAsync(request.get(), info -> new LimitedBodySubscriber(maxResponseBytes))
                        .whenComplete((response, error) -> {
                            release();
                            if (error != null) {
                                result.completeExceptionally(error);
                            } else {
                                result.complete(new WebhookResponse(response.statusCode(), response.headers(),
                                        response.body()));
                            }
                        });
            } catch (RuntimeException e) {
                release();
                result.completeExceptionally(e);
            }
        };
        boolean runNow;
        synchronized (this) {
            runNow = inFlight < maxInFlight;
            if (runNow) {
                inFlight++;
            } else {
                waiting.add(start);
            }
        }
        if (runNow) {
            start.run();
        }
        return result;
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                inFlight--;
            }
        }
        if (next != null) {
            next.run();
        }
    }

    /** Waits until no request is in flight or waiting, at most {@code limit}. */
    void awaitIdle(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                if (inFlight == 0 && waiting.isEmpty()) {
                    return;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
