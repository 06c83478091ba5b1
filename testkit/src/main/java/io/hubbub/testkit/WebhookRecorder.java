package io.hubbub.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An event handler for tests: records every request it receives and answers with a configurable responder. By
 * default it passes abuse protection ({@code WebHook-Allowed-Origin: *}) and answers events {@code 200} with an
 * empty body. Handlers run on their own threads, so a responder may call the REST API back.
 */
public final class WebhookRecorder implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "webhook-recorder");
        t.setDaemon(true);
        return t;
    });
    private final LinkedBlockingQueue<Recorded> received = new LinkedBlockingQueue<>();
    private final List<Recorded> all = Collections.synchronizedList(new ArrayList<>());
    private volatile Function<Recorded, Reply> responder = r -> Reply.empty(200);
    private volatile String allowedOrigin = "*";

    private WebhookRecorder() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static WebhookRecorder start() {
        try {
            return new WebhookRecorder();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code http://127.0.0.1:port} + path, e.g. {@code url("/api/{hub}/{event}")} for a URL template. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** How to answer event POSTs (OPTIONS validation requests are always allowed). */
    public void respond(Function<Recorded, Reply> responder) {
        this.responder = responder;
    }

    /** The {@code WebHook-Allowed-Origin} answered to validation requests; null answers without it (fails). */
    public void allowOrigin(String origin) {
        this.allowedOrigin = origin;
    }

    /** The next recorded request, in arrival order; fails after 5 s. */
    public Recorded next() {
        return next(Duration.ofSeconds(5));
    }

    public Recorded next(Duration timeout) {
        try {
            Recorded r = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (r == null) {
                throw new AssertionError("no webhook request within " + timeout + "; received so far: " + all);
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next recorded request that matches, skipping others; fails after 5 s. */
    public Recorded nextMatching(Predicate<Recorded> predicate) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            Recorded r = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (predicate.test(r)) {
                return r;
            }
        }
        throw new AssertionError("no matching webhook request within 5 s; received: " + all);
    }

    /** The next event POST (skipping abuse-protection OPTIONS) with this {@code ce-eventName}. */
    public Recorded nextEvent(String eventName) {
        return nextMatching(r -> r.method().equals("POST") && eventName.equals(r.header("ce-eventName")));
    }

    /** Every request so far. */
    public List<Recorded> all() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
        Recorded recorded = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), headers, body);
        all.add(recorded);
        received.add(recorded);
        Reply reply;
        if (recorded.method().equals("OPTIONS")) {
            String origin = allowedOrigin;
            reply = origin == null ? Reply.empty(200) : Reply.empty(200).withHeader("WebHook-Allowed-Origin", origin);
        } else {
            try {
                reply = responder.apply(recorded);
            } catch (RuntimeException e) {
                reply = Reply.text(500, "responder failed: " + e);
            }
        }
        if (reply.delay() != null) {
            try {
                Thread.sleep(reply.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        reply.headers().forEach((k, values) -> values.forEach(v -> exchange.getResponseHeaders().add(k, v)));
        boolean noBody = reply.body().length == 0;
        exchange.sendResponseHeaders(reply.status(), noBody ? -1 : reply.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** One request the handler received. Header lookup is case-insensitive. */
    public record Recorded(String method, String path, String query, Map<String, List<String>> headers,
            byte[] body) {

        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String mediaType() {
            String type = header("Content-Type");
            if (type == null) {
                return "";
            }
            int semicolon = type.indexOf(';');
            return (semicolon >= 0 ? type.substring(0, semicolon) : type).trim().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return method + " " + path + " " + header("ce-eventName") + " " + bodyText();
        }
    }

    /** The handler's answer. */
    public record Reply(int status, Map<String, List<String>> headers, byte[] body, Duration delay) {

        public static Reply empty(int status) {
            return new Reply(status, Map.of(), new byte[0], null);
        }

        public static Reply text(int status, String text) {
            return new Reply(status, Map.of("Content-Type", List.of("text/plain; charset=utf-8")),
                    text.getBytes(StandardCharsets.UTF_8), null);
        }

        public static Reply json(int status, String json) {
            return new Reply(status, Map.of("Content-Type", List.of("application/json; charset=utf-8")),
                    json.getBytes(StandardCharsets.UTF_8), null);
        }

        public static Reply binary(int status, byte[] bytes) {
            return new Reply(status, Map.of("Content-Type", List.of("application/octet-stream")), bytes, null);
        }

        public Reply withHeader(String name, String value) {
            Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            copy.putAll(headers);
            List<String> values = new ArrayList<>(copy.getOrDefault(name, List.of()));
            values.add(value);
            copy.put(name, values);
            return new Reply(status, copy, body, delay);
        }

        public Reply after(Duration delay) {
            return new Reply(status, headers, body, delay);
        }
    }
}
