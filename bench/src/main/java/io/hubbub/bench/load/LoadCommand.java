package io.hubbub.bench.load;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code load}: opens N WebSockets against a Hubbub node (or a peer server) and runs scenarios, printing a Markdown
 * row per measured rate.
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Load generator: N WebSocket connections, 2 KB messages, end-to-end latency, server CPU/memory.")
public final class LoadCommand implements Callable<Integer> {

    static final String DEFAULT_ACCESS_KEY = "hubbub-bench-access-key-0123456789-abcdefghij";

    @Option(names = "--scenario", split = ",", defaultValue = "broadcast",
            description = "broadcast, big-group, small-groups, send-to-user, webhook-echo (comma-separated: run in turn)")
    List<String> scenarios;

    @Option(names = {"-n", "--connections"}, defaultValue = "1000", description = "WebSocket connections (default 1000)")
    int connections;

    @Option(names = "--server", defaultValue = "hubbub",
            description = "hubbub, ws, socket.io or netty-floor (the peers need --embedded; default hubbub)")
    String serverKind;

    @Option(names = "--rate", split = ",", description = "messages sent per second (REST calls or client sends); "
            + "several (comma-separated) are measured in turn on the same connections; default per scenario: "
            + "broadcast 10, big-group 100, small-groups 1000, send-to-user 1000, webhook-echo 500")
    List<Double> rates;

    @Option(names = "--sweep", description = "find the highest rate the server keeps up with: double from --rate "
            + "until delivery, errors or p99 fail, bisect twice, then measure at half the best rate")
    boolean sweep;

    @Option(names = "--max-p99", defaultValue = "1000", description = "sweep: p99 bound in ms (default 1000)")
    double maxP99Millis;

    @Option(names = "--min-delivered", defaultValue = "0.99",
            description = "sweep: delivered/expected that counts as keeping up (default 0.99)")
    double minDelivered;

    @Option(names = "--payload", defaultValue = "2048", description = "bytes of data per message (default 2048)")
    int payloadBytes;

    @Option(names = "--warmup", defaultValue = "5", description = "seconds of sending before measuring (default 5)")
    int warmupSeconds;

    @Option(names = "--duration", defaultValue = "20", description = "measured seconds (default 20)")
    int durationSeconds;

    @Option(names = "--target", description = "URL of a running node, e.g. http://127.0.0.1:8080")
    URI target;

    @Option(names = "--rest-target", description = "with --target: send the REST calls to this node instead, e.g. "
            + "another node of the --target's cluster, so that every message crosses the cluster")
    URI restTarget;

    @Option(names = "--access-key", description = "the node's access key (default: the one --embedded uses)")
    String accessKey = DEFAULT_ACCESS_KEY;

    @Option(names = "--server-pid", defaultValue = "-1",
            description = "pid of the --target node, for CPU/RSS/heap readings")
    long serverPid;

    @Option(names = "--embedded", description = "start the node in its own JVM from --server-jar")
    boolean embedded;

    @Mixin
    ServerLaunchOptions launch = new ServerLaunchOptions();

    @Option(names = "--webhook-port", defaultValue = "0", description = "port of the generator's echo handler "
            + "(webhook-echo; with --target start the node with --event-handler http://127.0.0.1:PORT/{event})")
    int webhookPort;

    @Option(names = "--hub", defaultValue = "bench")
    String hub;

    @Option(names = "--source-addresses", defaultValue = "8", description = "loopback source addresses 127.0.0.2..")
    int sourceAddresses;

    @Option(names = "--connect-concurrency", defaultValue = "256", description = "handshakes in flight")
    int connectConcurrency;

    @Option(names = "--rest-connections", defaultValue = "16", description = "keep-alive connections for REST sends")
    int restConnections;

    @Option(names = "--client-threads", defaultValue = "0", description = "generator event loops (default: cores)")
    int clientThreads;

    @Option(names = "--no-heap", description = "skip the live-heap reading (jcmd forces full GCs)")
    boolean noHeap;

    @Option(names = "--markdown", description = "append the result rows to this file")
    Path markdown;

    @Override
    public Integer call() throws Exception {
        List<Scenario> list = scenarios.stream().map(Scenario::fromCliName).toList();
        ServerKind kind = ServerKind.fromCliName(serverKind);
        if (embedded == (target != null)) {
            System.err.println("load: give exactly one of --embedded and --target");
            return 2;
        }
        if (restTarget != null && target == null) {
            System.err.println("load: --rest-target needs --target");
            return 2;
        }
        for (Scenario s : list) {
            if (!kind.supports(s)) {
                System.err.println("load: " + kind.cliName() + " has no " + s.cliName() + " scenario");
                return 2;
            }
        }
        if (sweep && rates != null && rates.size() > 1) {
            System.err.println("load: --sweep takes one starting --rate");
            return 2;
        }
        Transport transport = new Transport(clientThreads > 0 ? clientThreads
                : Runtime.getRuntime().availableProcessors());
        System.out.println("generator: " + (transport.epoll ? "epoll" : "nio") + ", pid "
                + ProcessHandle.current().pid());
        WebhookEchoServer webhook = list.contains(Scenario.WEBHOOK_ECHO)
                ? new WebhookEchoServer(transport, webhookPort) : null;
        List<RunResult> results = new ArrayList<>();
        List<String> maxima = new ArrayList<>();
        Sweep criteria = new Sweep(minDelivered, maxP99Millis, 8, Sweep.DEFAULT_BISECTIONS);
        try (ServerUnderTest server = embedded
                ? launch.start(kind, accessKey, webhook == null ? null : webhook.urlTemplate())
                : ServerUnderTest.external(target, accessKey, serverPid)) {
            for (Scenario s : list) {
                List<Double> scenarioRates = rates != null ? rates : List.of(s.defaultRate());
                LoadSettings settings = new LoadSettings(connections, scenarioRates.get(0), payloadBytes,
                        Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(durationSeconds), hub, sourceAddresses,
                        connectConcurrency, restConnections, !noHeap);
                LoadRun run = new LoadRun(server, restTarget == null ? server
                        : ServerUnderTest.external(restTarget, accessKey, -1), kind, settings, transport);
                List<RunResult> steps = sweep ? run.sweep(s, criteria) : run.runRates(s, scenarioRates);
                results.addAll(steps);
                System.out.println(RunResult.MARKDOWN_HEADER);
                steps.forEach(r -> System.out.println(r.markdownRow()));
                if (sweep) {
                    RunResult best = criteria.best(steps);
                    maxima.add(String.format(Locale.ROOT, "max %s on %s: %s", s.cliName(),
                            kind.cliName(), best == null ? "none kept up" : String.format(Locale.ROOT,
                                    "%.0f sends/s, %.0f delivered msg/s, p99 %.2f ms", best.targetRate(),
                                    best.deliveredPerSecond(), best.p99Millis())));
                    System.out.println(maxima.get(maxima.size() - 1));
                }
                Thread.sleep(2000); // let the node finish closing the last run's connections
            }
        } finally {
            if (webhook != null) {
                webhook.close();
            }
            transport.close();
        }
        report(results);
        maxima.forEach(System.out::println);
        // A sweep looks for the rate where things break: errors in its last steps are the expected outcome.
        return !sweep && results.stream().anyMatch(r -> r.errors() > 0) ? 1 : 0;
    }

    private void report(List<RunResult> results) throws IOException {
        StringBuilder table = new StringBuilder(RunResult.MARKDOWN_HEADER).append('\n');
        for (RunResult r : results) {
            table.append(r.markdownRow()).append('\n');
        }
        System.out.println();
        System.out.print(table);
        if (markdown != null) {
            Files.writeString(markdown, table, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
