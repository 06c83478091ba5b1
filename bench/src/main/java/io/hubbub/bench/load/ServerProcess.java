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
 * The server under load in its own process ({@code java -jar hubbub.jar serve}, a peer on Node.js, or the Netty
 * floor), so its CPU and memory are measured apart from the generator's. Optionally pinned to CPUs with
 * {@code taskset}. Its output goes to a log file; it is ready when it prints {@code ready on port N}.
 */
final class ServerProcess implements ServerUnderTest {

    private static final Pattern READY = Pattern.compile("ready on port (\\d+)");

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
     * Starts a server of {@code kind} and waits until it listens.
     *
     * @param hubbubJar the Hubbub jar ({@link ServerKind#HUBBUB})
     * @param peersDir where {@code ws-server.mjs} and {@code socketio-server.mjs} live, after {@code npm ci}
     * @param javaOptions JVM options, e.g. {@code -Xmx4g}
     * @param ioThreads event loops, or 0 for the server's default
     * @param cpus a taskset CPU list such as {@code 1}, or null not to pin
     * @param eventHandler the {@code --event-handler} URL template, or null
     */
    static ServerProcess start(ServerKind kind, Path hubbubJar, Path peersDir, List<String> javaOptions,
            int ioThreads, String cpus, String accessKey, String eventHandler) throws IOException {
        if (kind == ServerKind.HUBBUB && !Files.isRegularFile(hubbubJar)) {
            throw new IOException(hubbubJar + " not found: build it with `mvn -B -q -DskipTests package`");
        }
        if ((kind == ServerKind.WS || kind == ServerKind.SOCKET_IO)
                && !Files.isDirectory(peersDir.resolve("node_modules"))) {
            throw new IOException(peersDir + "/node_modules not found: run `npm ci` in " + peersDir);
        }
        List<String> cmd = new ArrayList<>();
        if (cpus != null) {
            cmd.addAll(List.of("taskset", "-c", cpus));
        }
        cmd.addAll(kind.command(hubbubJar, peersDir, javaOptions, ioThreads, accessKey, eventHandler));
        Path log = Files.createTempFile("hubbub-server-", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        System.out.println("server: " + String.join(" ", cmd.stream().map(ServerProcess::shortened).toList())
                + " (pid " + p.pid() + ", log " + log + ")");
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

    /** A class path of forty jars says nothing in a progress log. */
    private static String shortened(String arg) {
        return arg.length() <= 160 ? arg : arg.substring(0, 80) + "…";
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
