package io.hubbub.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** How {@code load --embedded} and {@code compare} start the server under test: the options both commands take. */
final class ServerLaunchOptions {

    @Option(names = "--server-jar", defaultValue = "dist/target/hubbub.jar", description = "default ${DEFAULT-VALUE}")
    Path serverJar;

    @Option(names = "--peers-dir", defaultValue = "bench/peers",
            description = "the Node.js peers (after `npm ci` there); default ${DEFAULT-VALUE}")
    Path peersDir;

    @Option(names = "--server-java-opts", defaultValue = "", description = "JVM options of a JVM server")
    String serverJavaOpts;

    @Option(names = "--server-io-threads", defaultValue = "0", description = "event loops of a JVM server")
    int serverIoThreads;

    @Option(names = "--server-cpus", description = "taskset CPU list for the server, e.g. 0")
    String serverCpus;

    /** Starts a server of {@code kind}; {@code eventHandler} is the Hubbub webhook URL template, or null. */
    ServerProcess start(ServerKind kind, String accessKey, String eventHandler) throws IOException {
        List<String> javaOptions = serverJavaOpts.isBlank() ? List.of()
                : Arrays.asList(serverJavaOpts.trim().split("\\s+"));
        return ServerProcess.start(kind, serverJar, peersDir, javaOptions, serverIoThreads, serverCpus, accessKey,
                eventHandler);
    }
}
