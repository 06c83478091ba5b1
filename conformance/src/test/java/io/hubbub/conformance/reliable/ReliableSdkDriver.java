package io.hubbub.conformance.reliable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code node reliable-client-driver.mjs}: official {@code @azure/web-pubsub-client} 1.0.4 clients on their default
 * protocol, {@code json.reliable.webpubsub.azure.v1}, spoken to over the line protocol of {@code driver-core.mjs}
 * (a JSON command per stdin line, a JSON answer matched by {@code id} or an event per stdout line). Lifecycle events
 * are queued per client; data messages stay in Node until asked for. Closing kills the process.
 */
final class ReliableSdkDriver implements AutoCloseable {

    static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(ReliableSdkDriver.class);
    private static final String SCRIPT = "reliable-client-driver.mjs";

    private final Process process;
    private final Writer stdin;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, BlockingQueue<JsonNode>> events = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final CompletableFuture<JsonNode> ready = new CompletableFuture<>();
    /** Last stderr lines for failure messages; guarded by itself. */
    private final Deque<String> stderrTail = new ArrayDeque<>();

    private ReliableSdkDriver(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    static ReliableSdkDriver start() {
        Process process;
        try {
            process = new ProcessBuilder(System.getProperty("hubbub.node", "node"), SCRIPT)
                    .directory(driverDirectory().toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start node (is Node.js 20+ on the PATH?)", e);
        }
        ReliableSdkDriver driver = new ReliableSdkDriver(process);
        daemon("reliable-node-stdout", driver::readStdout);
        daemon("reliable-node-stderr", driver::readStderr);
        try {
            driver.ready.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            driver.close();
            throw new IllegalStateException(SCRIPT + " did not start: " + driver.diagnostics(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            driver.close();
            throw new IllegalStateException(e);
        }
        return driver;
    }

    private static Path driverDirectory() {
        Path base = Path.of(System.getProperty("basedir", "."));
        for (Path candidate : new Path[] {base.resolve("js"), base.resolve("conformance/js")}) {
            if (Files.isRegularFile(candidate.resolve(SCRIPT))) {
                if (!Files.isDirectory(candidate.resolve("node_modules/@azure/web-pubsub-client"))) {
                    throw new IllegalStateException(candidate.toAbsolutePath()
                            + "/node_modules is missing: run `npm ci` there (mvn verify does it in pre-integration-test)");
                }
                return candidate;
            }
        }
        throw new IllegalStateException("no conformance/js folder under " + base.toAbsolutePath());
    }

    /** {@code new WebPubSubClient(url, options)}, not started; its events are queued from now on. */
    void create(String client, String url, Map<String, Object> options) {
        events.putIfAbsent(client, new LinkedBlockingQueue<>());
        JsonNode answer = call(command("create", client).put("url", url).set("options", JSON.valueToTree(options)));
        if (!"json.reliable.webpubsub.azure.v1".equals(answer.path("protocol").asText())) {
            throw new AssertionError("the SDK's default protocol is not the reliable one: " + answer);
        }
    }

    /** Calls {@code client[method](...args)} and waits for it to settle. */
    JsonNode invoke(String client, String method, Object... args) {
        return call(command("invoke", client).put("method", method).set("args", JSON.valueToTree(List.of(args))));
    }

    ObjectNode command(String op, String client) {
        return JSON.createObjectNode().put("op", op).put("client", client);
    }

    JsonNode call(ObjectNode command) {
        return await(callAsync(command), CALL_TIMEOUT, command);
    }

    JsonNode await(CompletableFuture<JsonNode> answer, Duration timeout, Object what) {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within " + timeout + " to " + what + "; " + diagnostics());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a command; the future completes with its value, or an {@link AssertionError} naming the JS error. */
    CompletableFuture<JsonNode> callAsync(ObjectNode command) {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        command.put("id", id);
        try {
            synchronized (stdin) {
                stdin.write(JSON.writeValueAsString(command));
                stdin.write('\n');
                stdin.flush();
            }
        } catch (IOException e) {
            pending.remove(id);
            answer.completeExceptionally(new IllegalStateException(SCRIPT + " is gone: " + diagnostics(), e));
        }
        return answer;
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

    private void readStdout() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                dispatch(line);
            }
        } catch (IOException e) {
            LOG.debug("{} stdout ended", SCRIPT, e);
        }
        IllegalStateException gone = new IllegalStateException(SCRIPT + " exited: " + diagnostics());
        ready.completeExceptionally(gone);
        pending.values().forEach(f -> f.completeExceptionally(gone));
    }

    private void dispatch(String line) {
        JsonNode json;
        try {
            json = JSON.readTree(line);
        } catch (IOException e) {
            LOG.warn("{} wrote a non-protocol line: {}", SCRIPT, line);
            return;
        }
        if (json.has("id")) {
            CompletableFuture<JsonNode> answer = pending.remove(json.path("id").asLong());
            if (answer != null && json.path("ok").asBoolean()) {
                answer.complete(json.path("value"));
            } else if (answer != null) {
                answer.completeExceptionally(new AssertionError("the SDK call failed: " + json));
            }
        } else if ("ready".equals(json.path("event").asText())) {
            ready.complete(json);
        } else {
            LOG.info("{} event {}", SCRIPT, json);
            BlockingQueue<JsonNode> queue = events.get(json.path("client").asText());
            if (queue != null) {
                queue.add(json);
            }
        }
    }

    private void readStderr() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                LOG.info("[{}] {}", SCRIPT, line);
                synchronized (stderrTail) {
                    stderrTail.addLast(line);
                    if (stderrTail.size() > 40) {
                        stderrTail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("{} stderr ended", SCRIPT, e);
        }
    }

    private String diagnostics() {
        String state = process.isAlive() ? "running" : "exit code " + process.exitValue();
        synchronized (stderrTail) {
            return state + (stderrTail.isEmpty() ? ", no stderr" : ", stderr:\n" + String.join("\n", stderrTail));
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        try {
            stdin.close(); // the driver exits when its stdin ends
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
