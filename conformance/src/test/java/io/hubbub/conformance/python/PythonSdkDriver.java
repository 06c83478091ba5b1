package io.hubbub.conformance.python;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The official Python server SDK in a child process ({@code conformance/python/driver.py}): one JSON command per
 * line in, one JSON result per line out, so a test can interleave SDK calls with what its WebSockets observe.
 * The child's stderr (every HTTP request it makes, with the status) goes to the test log.
 */
final class PythonSdkDriver implements AutoCloseable {

    /** Debian's interpreter, where {@code python3-azure} lives; not whatever {@code python3} is first on PATH. */
    static final String PYTHON = System.getProperty("hubbub.python", "/usr/bin/python3");
    static final String SDK_MODULE = "azure.messaging.webpubsubservice";

    /**
     * Longer than any successful call takes, shorter than the SDK's ten retries of a 5xx answer (0.8 s doubling),
     * so a server error fails the test with the log instead of stalling the suite.
     */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final int STDERR_LINES_KEPT = 30;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(PythonSdkDriver.class);

    private final Process process;
    private final Writer stdin;
    /** Filled by the stdout pump thread, drained by the test thread. */
    private final BlockingQueue<String> results = new LinkedBlockingQueue<>();
    /** Written by the stderr pump thread, read by the test thread when a call fails; guarded by itself. */
    private final Deque<String> recentStderr = new ArrayDeque<>();

    private PythonSdkDriver(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        pump(process.getInputStream(), "stdout", results::add);
        pump(process.getErrorStream(), "stderr", this::logStderr);
        JsonNode ready = parse(await(START_TIMEOUT, "the driver to start"));
        LOG.info("Python SDK {} driver started (pid {})", ready.path("value").path("ready").asText(), process.pid());
    }

    /** Why the Python SDK cannot run here, or null when it can; probed once per JVM. */
    static String unavailableReason() {
        return Availability.UNAVAILABLE_REASON;
    }

    private static final class Availability {
        static final String UNAVAILABLE_REASON = probe();
    }

    private static String probe() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return PYTHON + " not found";
        }
        try {
            Process probe = new ProcessBuilder(PYTHON, "-I", "-c", "import " + SDK_MODULE)
                    .redirectErrorStream(true).start();
            if (!probe.waitFor(30, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return PYTHON + " did not answer within 30 s";
            }
            String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return probe.exitValue() == 0 ? null : PYTHON + " cannot import " + SDK_MODULE + ": " + output;
        } catch (IOException e) {
            return "cannot run " + PYTHON + ": " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while probing " + PYTHON;
        }
    }

    static PythonSdkDriver start() {
        try {
            // -I: ignore PYTHONPATH, PYTHONHOME and the user site, so only Debian's packages are seen
            return new PythonSdkDriver(new ProcessBuilder(PYTHON, "-I", "-u", script().toString()).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + PYTHON, e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Calls {@code op} with these keyword arguments on the SDK client for this hub, built as {@code client} says,
     * and returns the outcome, good or bad.
     */
    Result call(ClientSettings client, String hub, String op, Map<String, ?> args) {
        ObjectNode command = JSON.createObjectNode().put("connection_string", client.connectionString());
        command.set("options", JSON.valueToTree(client.options()));
        command.put("hub", hub).put("op", op);
        command.set("args", JSON.valueToTree(args));
        String line = command.toString();
        try {
            stdin.write(line + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new AssertionError("the Python driver is gone; cannot send " + line + stderrTail(), e);
        }
        return new Result(line, parse(await(CALL_TIMEOUT, line)));
    }

    @Override
    public void close() {
        try {
            stdin.close(); // end of input: the driver closes its clients and exits
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private String await(Duration timeout, String what) {
        try {
            String line = results.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line != null) {
                return line;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String why = process.isAlive() ? "no answer within " + timeout
                : "the Python driver exited with " + process.exitValue();
        // Its state is unknown now (most likely still retrying a 5xx): later calls need a fresh process.
        process.destroyForcibly();
        throw new AssertionError(why + " while waiting for " + what
                + " (the Python SDK retries 5xx answers up to 10 times)" + stderrTail());
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("the Python driver wrote a line that is not JSON: " + line, e);
        }
    }

    private void logStderr(String line) {
        LOG.info("python: {}", line);
        synchronized (recentStderr) {
            recentStderr.addLast(line);
            if (recentStderr.size() > STDERR_LINES_KEPT) {
                recentStderr.removeFirst();
            }
        }
    }

    private String stderrTail() {
        synchronized (recentStderr) {
            return recentStderr.isEmpty() ? "" : "; its last stderr lines:\n  " + String.join("\n  ", recentStderr);
        }
    }

    private void pump(InputStream stream, String name, Consumer<String> sink) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // the process was killed; nothing more to read
            }
        }, "python-driver-" + process.pid() + "-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The driver script, whether the tests run from the module directory (Maven) or the repository root. */
    private static Path script() {
        for (Path candidate : List.of(Path.of(System.getProperty("basedir", "."), "python", "driver.py"),
                Path.of("conformance", "python", "driver.py"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new IllegalStateException("conformance/python/driver.py not found from " + Path.of("").toAbsolutePath());
    }

    /**
     * How the driver builds an SDK client: {@code from_connection_string(connectionString, hub=..., **options)}.
     * The option {@code clock_offset_seconds} is the driver's own: it shifts the clock the SDK signs tokens with.
     */
    record ClientSettings(String connectionString, Map<String, ?> options) {

        ClientSettings(String connectionString) {
            this(connectionString, Map.of());
        }

        ClientSettings withOptions(Map<String, ?> more) {
            Map<String, Object> merged = new LinkedHashMap<>(options);
            merged.putAll(more);
            return new ClientSettings(connectionString, merged);
        }
    }

    /** One SDK call's outcome: its return value, or the exception the SDK raised. */
    record Result(String command, JsonNode json) {

        boolean ok() {
            return json.path("ok").asBoolean();
        }

        JsonNode value() {
            return json.path("value");
        }

        /** The Python exception class, e.g. {@code ClientAuthenticationError}. */
        String type() {
            return json.path("type").asText(null);
        }

        /** The HTTP status behind the exception; -1 if there was none. */
        int status() {
            return json.path("status").asInt(-1);
        }

        String message() {
            return json.path("message").asText(null);
        }

        /** HTTP requests the SDK made, retries included. */
        int attempts() {
            return json.path("attempts").asInt();
        }

        /** The last HTTP answer: {@code status}, {@code requestId} (sent), {@code echoedRequestId}. */
        JsonNode response() {
            return json.path("response");
        }

        @Override
        public String toString() {
            return command + " -> " + json;
        }
    }
}
