package io.hubbub.server.metrics;

import com.sun.net.httpserver.HttpServer;
import io.hubbub.server.cluster.Backplane;
import io.hubbub.server.hub.LocalHub;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The node's meters, in Prometheus form at {@code GET /metrics} on a port of their own (not the client port, so that
 * a firewall or load balancer can keep them private): connections, messages published and delivered, REST answers by
 * status, calls to event handlers by outcome, whether the cluster is reachable, and the JVM's memory, GC, threads
 * and CPU. Nothing here is counted per
 * delivery on the hot path: the hub keeps plain per-loop counts that the registry reads when scraped.
 */
public final class ServerMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<Integer, Counter> restAnswers = new ConcurrentHashMap<>();
    private final Map<String, Timer> webhookCalls = new ConcurrentHashMap<>();
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private HttpServer http;
    private ExecutorService httpThread;

    /** The JVM's meters and the webhook ones; the hub's come with {@link #bind}. */
    public ServerMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Adds the meters of the node's connections and messages. */
    public void bind(LocalHub hub, Backplane backplane) {
        Gauge.builder("hubbub.connections", hub, LocalHub::connectionCount)
                .description("Client connections open on this node").register(registry);
        FunctionCounter.builder("hubbub.messages.published", hub, LocalHub::publishedCount)
                .description("Messages this node was given to deliver (sends, including those of other nodes)")
                .register(registry);
        FunctionCounter.builder("hubbub.messages.delivered", hub, LocalHub::deliveredCount)
                .description("Messages written to this node's connections, one per receiver").register(registry);
        Gauge.builder("hubbub.cluster.healthy", backplane, b -> b.isHealthy() ? 1 : 0)
                .description("1 when the cluster's Redis can be reached (always 1 for a single node)")
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Times one call to an event handler, by outcome: 2xx, 4xx, 5xx (and other statuses), or error (no answer). */
    public void webhookAttempted(int status, long nanos) {
        String outcome = status == 0 ? "error" : status / 100 + "xx";
        webhookCalls.computeIfAbsent(outcome, o -> Timer.builder("hubbub.webhook.requests")
                .description("Calls to event handlers, by outcome").tag("outcome", o)
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Counts one REST answer with {@code status}. Any thread. */
    public void restAnswered(int status) {
        restAnswers.computeIfAbsent(status, s -> Counter.builder("hubbub.rest.requests")
                .description("REST API answers, by HTTP status").tag("status", Integer.toString(s))
                .register(registry)).increment();
    }

    /** Serves {@code GET /metrics} on {@code host:port} (0: a free port) from a thread of its own. */
    public void serve(String host, int port) throws IOException {
        try {
            http = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new IOException("cannot serve metrics on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        http.createContext("/metrics", exchange -> {
            try {
                if (!"GET".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } finally {
                exchange.close();
            }
        });
        httpThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hubbub-metrics");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(httpThread);
        http.start();
    }

    /** The port {@code GET /metrics} is served on, or -1 when not served. */
    public int port() {
        return http == null ? -1 : http.getAddress().getPort();
    }

    @Override
    public void close() {
        if (http != null) {
            http.stop(0);
            httpThread.shutdownNow(); // stop() leaves an executor of one's own running
        }
        gc.close();
        registry.close();
    }
}
