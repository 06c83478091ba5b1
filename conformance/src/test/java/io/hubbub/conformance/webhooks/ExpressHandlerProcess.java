package io.hubbub.conformance.webhooks;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * {@code conformance/webhooks-js/handler.js} (an express app with {@code @azure/web-pubsub-express}) as a child
 * process: installed with {@code npm ci} when its packages are missing (once per JVM), started on a free port, its
 * stdout read as one JSON object per line. Tests are skipped only when {@code node} is not installed.
 */
final class ExpressHandlerProcess implements AutoCloseable {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static boolean installed; // guarded by the class

    private final Process process;
    private final List<JsonNode> lines = Collections.synchronizedList(new ArrayList<>());
    private final int port;

    private ExpressHandlerProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readLines, "express-handler-stdout");
        reader.setDaemon(true);
        reader.start();
        this.port = awaitLine(l -> l.has("listening"), START_TIMEOUT).path("listening").asInt();
    }

    /** Starts the handler for {@code hub}; {@code allowedEndpoint} null allows every origin. */
    static ExpressHandlerProcess start(String hub, String allowedEndpoint) throws IOException, InterruptedException {
        Path dir = directory();
        assumeNodeInstalled(dir);
        ensureInstalled(dir);
        ProcessBuilder builder = new ProcessBuilder("node", "handler.js").directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("HUB", hub);
        builder.environment().put("PORT", "0");
        if (allowedEndpoint != null) {
            builder.environment().put("ALLOWED_ENDPOINT", allowedEndpoint);
        }
        return new ExpressHandlerProcess(builder.start());
    }

    int port() {
        return port;
    }

    /** Every line so far. */
    List<JsonNode> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The first line that matches, waiting up to 10 s; lines are not consumed. */
    JsonNode awaitLine(Predicate<JsonNode> predicate) {
        return awaitLine(predicate, Webhooks.EVENT_WAIT);
    }

    private JsonNode awaitLine(Predicate<JsonNode> predicate, Duration timeout) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(timeout).pollInterval(Duration.ofMillis(20)).failFast("the express handler exited",
                () -> !process.isAlive()).until(() -> {
                    found[0] = lines().stream().filter(predicate).findFirst().orElse(null);
                    return found[0] != null;
                });
        return found[0];
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("{")) {
                    lines.add(Webhooks.json(line.getBytes(StandardCharsets.UTF_8)));
                } else {
                    System.out.println("[express handler] " + line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Closing stdin asks the app to stop; it is killed if it does not within 5 s. */
    @Override
    public void close() throws Exception {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static Path directory() {
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path dir = base.resolve("webhooks-js");
        return Files.isDirectory(dir) ? dir : base.resolve("conformance").resolve("webhooks-js");
    }

    private static void assumeNodeInstalled(Path dir) throws InterruptedException {
        boolean present;
        try {
            Process node = new ProcessBuilder("node", "--version").directory(dir.toFile())
                    .redirectErrorStream(true).start();
            node.getInputStream().readAllBytes();
            present = node.waitFor(30, TimeUnit.SECONDS) && node.exitValue() == 0;
        } catch (IOException e) {
            present = false;
        }
        Assumptions.assumeTrue(present, "node is not installed: skipping the @azure/web-pubsub-express IT");
    }

    /** {@code npm ci} unless the packages the handler needs are already there; once per JVM. */
    private static synchronized void ensureInstalled(Path dir) throws IOException, InterruptedException {
        Path modules = dir.resolve("node_modules");
        if (installed || Files.isRegularFile(modules.resolve("@azure/web-pubsub-express/package.json"))
                && Files.isRegularFile(modules.resolve("express/package.json"))) {
            installed = true;
            return;
        }
        Path log = Files.createTempFile("webhooks-js-npm-ci", ".log");
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!npm.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            npm.destroyForcibly();
            throw new IllegalStateException("npm ci in " + dir + " did not finish within " + INSTALL_TIMEOUT
                    + "; output: " + Files.readString(log));
        }
        if (npm.exitValue() != 0) {
            throw new IllegalStateException("npm ci in " + dir + " failed with " + npm.exitValue() + ": "
                    + Files.readString(log));
        }
        installed = true;
    }
}
