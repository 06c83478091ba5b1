package io.hubbub.conformance.js;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code node} process running a driver script from {@code conformance/js}, spoken to over the line protocol of
 * {@code driver-core.mjs}: a JSON command per stdin line, a JSON answer (matched by {@code id}) or event per stdout
 * line. The script's stderr goes to this class's log. Closing kills the process.
 */
public final class NodeDriver implements AutoCloseable {

    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(NodeDriver.class);
    private static final int STDERR_TAIL_LINES = 40;

    private final String script;
    private final Process process;
    private final Writer stdin;
    private final Consumer<JsonNode> events;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final CompletableFuture<JsonNode> ready = new CompletableFuture<>();
    /** Last stderr lines, for failure messages; guarded by itself. */
    private final Deque<String> stderrTail = new ArrayDeque<>();

    private NodeDriver(String script, Process process, Consumer<JsonNode> events) {
        this.script = script;
        this.process = process;
        this.events = events;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Starts {@code node <script>} in the driver folder; events (lines without an id) go to {@code events}. */
    public static NodeDriver start(String script, Consumer<JsonNode> events) {
        Path dir = driverDirectory();
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("hubbub.node", "node"), script)
                .directory(dir.toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start node (is Node.js 20+ on the PATH?)", e);
        }
        NodeDriver driver = new NodeDriver(script, process, events);
        daemon("node-stdout-" + script, () -> driver.readStdout(process.getInputStream()));
        daemon("node-stderr-" + script, () -> driver.readStderr(process.getErrorStream()));
        try {
            JsonNode hello = driver.ready.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("{} running as pid {} on Node {}", script, hello.path("pid").asLong(), hello.path("node").asText());
        } catch (ExecutionException | TimeoutException e) {
            driver.close();
            throw new IllegalStateException(script + " did not start: " + driver.diagnostics(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            driver.close();
            throw new IllegalStateException("interrupted while starting " + script, e);
        }
        return driver;
    }

    /** {@code conformance/js}, which must hold the drivers and their installed node_modules. */
    private static Path driverDirectory() {
        Path base = Path.of(System.getProperty("basedir", "."));
        for (Path candidate : new Path[] {base.resolve("js"), base.resolve("conformance/js")}) {
            if (Files.isRegularFile(candidate.resolve("driver-core.mjs"))) {
                if (!Files.isDirectory(candidate.resolve("node_modules/@azure"))) {
                    throw new IllegalStateException(candidate.toAbsolutePath()
                            + "/node_modules is missing: run `npm ci` there (mvn verify does it in pre-integration-test)");
                }
                return candidate;
            }
        }
        throw new IllegalStateException("no conformance/js folder under " + base.toAbsolutePath());
    }

    /** Sends a command and waits for its answer: the value, or a {@link JsError} if the SDK call failed. */
    public JsonNode call(ObjectNode command) {
        return await(callAsync(command), CALL_TIMEOUT, command);
    }

    /** Waits for an answer of {@link #callAsync}; a timeout fails naming {@code what} and the script's stderr. */
    public JsonNode await(CompletableFuture<JsonNode> answer, Duration timeout, Object what) {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no answer from " + script + " within " + timeout + " to " + what
                    + "; " + diagnostics());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Sends a command; the future completes with its value or a {@link JsError}. */
    public CompletableFuture<JsonNode> callAsync(ObjectNode command) {
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
            answer.completeExceptionally(new IllegalStateException(script + " is gone: " + diagnostics(), e));
        }
        return answer;
    }

    public static ObjectNode command(String op) {
        return JSON.createObjectNode().put("op", op);
    }

    public static JsonNode toJson(Object value) {
        return JSON.valueToTree(value);
    }

    private void readStdout(InputStream out) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                dispatch(line);
            }
        } catch (IOException e) {
            LOG.debug("{} stdout ended", script, e);
        }
        String why = script + " exited: " + diagnostics();
        ready.completeExceptionally(new IllegalStateException(why));
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException(why)));
    }

    private void dispatch(String line) {
        JsonNode json;
        try {
            json = JSON.readTree(line);
        } catch (IOException e) {
            LOG.warn("{} wrote a non-protocol line to stdout: {}", script, line);
            return;
        }
        if (json.has("id")) {
            CompletableFuture<JsonNode> answer = pending.remove(json.path("id").asLong());
            if (answer == null) {
                LOG.warn("{} answered an unknown command: {}", script, line);
            } else if (json.path("ok").asBoolean()) {
                answer.complete(json.path("value"));
            } else {
                answer.completeExceptionally(new JsError(json));
            }
        } else if ("ready".equals(json.path("event").asText())) {
            ready.complete(json);
        } else {
            events.accept(json);
        }
    }

    private void readStderr(InputStream err) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                LOG.info("[{}] {}", script, line);
                synchronized (stderrTail) {
                    stderrTail.addLast(line);
                    if (stderrTail.size() > STDERR_TAIL_LINES) {
                        stderrTail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("{} stderr ended", script, e);
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
        } catch (IOException | UncheckedIOException e) {
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
