package io.hubbub.bench.load;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Hubbub node in its own JVM ({@code java -jar hubbub.jar serve}), so its CPU and memory are measured apart from
 * the generator's. Optionally pinned to CPUs with {@code taskset}. Its output goes to a log file.
 */
final class ServerProcess implements ServerUnderTest {

    private static final Pattern READY = Pattern.compile("Hubbub is ready on port (\\d+)");

    private final Process process;
    private final URI endpoint;
    private final String accessKey;
    private final Path log;

    private ServerProcess(Process process, URI endpoint, String accessKey, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.log = log;
    }

    /**
     * Starts {@code jar} and waits until it listens.
     *
     * @param javaOptions JVM options, e.g. {@code -Xmx4g}
     * @param ioThreads event loops, or 0 for the server's default
     * @param cpus a taskset CPU list such as {@code 1}, or null not to pin
     * @param eventHandler the {@code --event-handler} URL template, or null
     */
    static ServerProcess start(Path jar, List<String> javaOptions, int ioThreads, String cpus, String accessKey,
            String eventHandler) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " not found: build it with `mvn -B -q -DskipTests package`");
        }
        List<String> cmd = new ArrayList<>();
        if (cpus != null) {
            cmd.addAll(List.of("taskset", "-c", cpus));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(javaOptions);
        cmd.addAll(List.of("-jar", jar.toString(), "serve", "--bind", "127.0.0.1", "--port", "0",
                "--access-key", accessKey));
        if (ioThreads > 0) {
            cmd.addAll(List.of("--io-threads", Integer.toString(ioThreads)));
        }
        if (eventHandler != null) {
            cmd.addAll(List.of("--event-handler", eventHandler));
        }
        Path log = Files.createTempFile("hubbub-server-", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        System.out.println("server: " + String.join(" ", cmd) + " (pid " + p.pid() + ", log " + log + ")");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Matcher m = READY.matcher(Files.readString(log));
            if (m.find()) {
                URI endpoint = URI.create("http://127.0.0.1:" + m.group(1));
                return new ServerProcess(p, endpoint, accessKey, log);
            }
            if (!p.isAlive()) {
                throw new IOException("server exited with " + p.exitValue() + ": " + Files.readString(log));
            }
            Meter.sleep(100);
        }
        p.destroyForcibly();
        throw new IOException("server did not report ready within 30 s; see " + log);
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public String accessKey() {
        return accessKey;
    }

    @Override
    public long pid() {
        // With taskset the child is taskset itself, which execs java: same pid.
        return process.pid();
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
