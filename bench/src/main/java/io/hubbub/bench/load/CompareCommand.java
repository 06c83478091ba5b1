package io.hubbub.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code compare}: the side-by-side run. For each scenario, each server (the Netty floor, Hubbub, ws, Socket.IO) is
 * started in its own process, pinned with {@code --server-cpus}, and swept for the highest send rate it keeps up
 * with on the same connections; then one Markdown report with every step, the maxima, and the ratios the
 * benchmark targets are stated in. {@code bench/compare.sh} runs it with the generator pinned to the other core.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Sweeps each server for its maximum rate per scenario and writes a Markdown comparison.")
public final class CompareCommand implements Callable<Integer> {

    @Option(names = "--servers", split = ",", defaultValue = "netty-floor,hubbub,ws,socket.io")
    List<String> servers;

    @Option(names = "--scenario", split = ",", defaultValue = "broadcast,big-group")
    List<String> scenarios;

    @Option(names = {"-n", "--connections"}, defaultValue = "10000")
    int connections;

    @Option(names = "--start-rate", split = ",", description = "starting rate per scenario, in --scenario order "
            + "(default: 1 broadcast/s, 10 big-group sends/s, 500 otherwise)")
    List<Double> startRates;

    @Option(names = "--warmup", defaultValue = "5")
    int warmupSeconds;

    @Option(names = "--duration", defaultValue = "10")
    int durationSeconds;

    @Option(names = "--max-p99", defaultValue = "1000", description = "p99 bound in ms for keeping up (default 1000)")
    double maxP99Millis;

    @Mixin
    ServerLaunchOptions launch = new ServerLaunchOptions();

    @Option(names = "--no-heap", description = "skip the live-heap reading (jcmd forces full GCs)")
    boolean noHeap;

    @Option(names = "--out", defaultValue = "bench/target/compare.md", description = "default ${DEFAULT-VALUE}")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<Scenario> scenarioList = scenarios.stream().map(Scenario::fromCliName).toList();
        List<ServerKind> kinds = servers.stream().map(ServerKind::fromCliName).toList();
        Sweep sweep = sweepOf();
        Transport transport = new Transport(Runtime.getRuntime().availableProcessors());
        List<RunResult> steps = new ArrayList<>();
        Map<String, RunResult> best = new LinkedHashMap<>();
        Map<String, RunResult> half = new LinkedHashMap<>();
        String started = Instant.now().toString();
        try {
            for (int i = 0; i < scenarioList.size(); i++) {
                Scenario scenario = scenarioList.get(i);
                double start = startRates != null && i < startRates.size() ? startRates.get(i)
                        : scenario == Scenario.BROADCAST ? 1 : scenario == Scenario.BIG_GROUP ? 10 : 500;
                for (ServerKind kind : kinds) {
                    if (!kind.supports(scenario)) {
                        continue;
                    }
                    LoadSettings settings = new LoadSettings(connections, start, 2048,
                            Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(durationSeconds), "bench", 8, 256,
                            16, !noHeap);
                    try (ServerProcess server = launch.start(kind, LoadCommand.DEFAULT_ACCESS_KEY, null)) {
                        List<RunResult> sweepSteps = new LoadRun(server, kind, settings, transport)
                                .sweep(scenario, sweep);
                        steps.addAll(sweepSteps);
                        RunResult top = sweep.best(sweepSteps);
                        String key = scenario.cliName() + "/" + kind.cliName();
                        if (top != null) {
                            best.put(key, top);
                            half.put(key, sweepSteps.get(sweepSteps.size() - 1));
                        }
                        System.out.println("max " + key + ": " + (top == null ? "none kept up"
                                : fmt(top.deliveredPerSecond(), 0) + " delivered msg/s"));
                    }
                    Thread.sleep(2000);
                }
            }
        } finally {
            transport.close();
        }
        String report = report(started, scenarioList, kinds, steps, best, half);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        System.out.println();
        System.out.println(report);
        System.out.println("written to " + out);
        return 0;
    }

    private Sweep sweepOf() {
        return new Sweep(0.99, maxP99Millis, 8, Sweep.DEFAULT_BISECTIONS);
    }

    private String report(String started, List<Scenario> scenarioList, List<ServerKind> kinds,
            List<RunResult> steps, Map<String, RunResult> best, Map<String, RunResult> half) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Run started %s: %,d connections, 2 KB payloads, %d s warm-up + %d s "
                        + "measured per step, servers pinned to CPUs %s, keeping up = no errors, ≥ 99 %% delivered, "
                        + "p99 ≤ %.0f ms.%n%n", started, connections, warmupSeconds, durationSeconds,
                launch.serverCpus == null ? "(not pinned)" : launch.serverCpus, maxP99Millis));
        for (Scenario scenario : scenarioList) {
            md.append("### ").append(scenario.cliName()).append("\n\n");
            md.append("| server | max sends/s kept up | delivered msg/s | p99 ms at max | p99 ms at half max "
                    + "| server CPU µs / delivery at max | generator CPU % | live heap KB/conn | RSS KB/conn |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (ServerKind kind : kinds) {
                RunResult b = best.get(scenario.cliName() + "/" + kind.cliName());
                RunResult h = half.get(scenario.cliName() + "/" + kind.cliName());
                if (!kind.supports(scenario)) {
                    continue;
                }
                if (b == null) {
                    md.append("| ").append(kind.cliName()).append(" | none kept up | | | | | | | |\n");
                    continue;
                }
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                        kind.cliName(), fmt(b.targetRate(), 1), fmt(b.deliveredPerSecond(), 0), fmt(b.p99Millis(), 1),
                        fmt(h.p99Millis(), 1), fmt(b.cpuSecondsPerMillion(), 2), fmt(b.generatorCpuPercent(), 0),
                        fmt(b.heapBytesPerConnection() / 1024, 2), fmt(b.rssBytesPerConnection() / 1024, 2)));
            }
            RunResult hubbub = best.get(scenario.cliName() + "/hubbub");
            md.append('\n');
            if (hubbub != null) {
                ratio(md, "Hubbub ÷ Socket.IO, delivered msg/s (target ≥ 4)", hubbub.deliveredPerSecond(),
                        best.get(scenario.cliName() + "/socket.io"), RunResult::deliveredPerSecond);
                ratio(md, "Hubbub ÷ ws, delivered msg/s (target ≥ 2)", hubbub.deliveredPerSecond(),
                        best.get(scenario.cliName() + "/ws"), RunResult::deliveredPerSecond);
                floorRatio(md, scenario, steps, sweepOf());
                md.append('\n');
            }
        }
        md.append("<details><summary>Every step</summary>\n\n").append(RunResult.MARKDOWN_HEADER).append('\n');
        steps.forEach(r -> md.append(r.markdownRow()).append('\n'));
        md.append("\n</details>\n");
        return md.toString();
    }

    /**
     * Server CPU per delivery falls as the rate grows (more messages leave per flush), so Hubbub and the floor are
     * compared at the same offered rate: the highest one both kept up with.
     */
    private static void floorRatio(StringBuilder md, Scenario scenario, List<RunResult> steps, Sweep sweep) {
        RunResult hubbub = null;
        RunResult floor = null;
        for (RunResult h : steps) {
            if (h.server() != ServerKind.HUBBUB || h.scenario() != scenario || !sweep.keepsUp(h)) {
                continue;
            }
            for (RunResult f : steps) {
                if (f.server() == ServerKind.NETTY_FLOOR && f.scenario() == scenario && sweep.keepsUp(f)
                        && f.targetRate() == h.targetRate() && (hubbub == null || h.targetRate() > hubbub.targetRate())) {
                    hubbub = h;
                    floor = f;
                }
            }
        }
        if (hubbub != null) {
            md.append(String.format(Locale.ROOT, "- Hubbub ÷ Netty floor, server CPU per delivery at %s sends/s, "
                            + "the highest rate both kept up with (target ≤ 1.3): **%s×** (%s vs %s µs)%n",
                    fmt(hubbub.targetRate(), 1), fmt(hubbub.cpuSecondsPerMillion() / floor.cpuSecondsPerMillion(), 2),
                    fmt(hubbub.cpuSecondsPerMillion(), 2), fmt(floor.cpuSecondsPerMillion(), 2)));
        }
    }

    private static void ratio(StringBuilder md, String label, double hubbub, RunResult other,
            java.util.function.ToDoubleFunction<RunResult> metric) {
        if (other != null) {
            md.append("- ").append(label).append(": **").append(fmt(hubbub / metric.applyAsDouble(other), 2))
                    .append("×**\n");
        }
    }

    private static String fmt(double v, int decimals) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "—" : String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }
}
