package io.hubbub.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;

/**
 * Runs a scenario against one server: connect once, then measure at one or more send rates (each with its own
 * warm-up ramp and measured window), disconnect. Server-side figures come from /proc and jcmd when the server's pid
 * is known. The caller owns the server, the transport and the webhook handler.
 */
public final class LoadRun {

    /** Longest wait for a step's in-flight messages to land before the next step starts. */
    private static final long SETTLE_MAX_MILLIS = 30_000;

    private final ServerUnderTest server;
    private final ServerUnderTest restServer;
    private final ServerKind kind;
    private final LoadSettings settings;
    private final Transport transport;

    LoadRun(ServerUnderTest server, ServerKind kind, LoadSettings settings, Transport transport) {
        this(server, server, kind, settings, transport);
    }

    /** REST sends go to {@code restServer}: another node of {@code server}'s cluster, or the same. */
    LoadRun(ServerUnderTest server, ServerUnderTest restServer, ServerKind kind, LoadSettings settings,
            Transport transport) {
        if (kind == null || settings == null) {
            throw new IllegalArgumentException("kind and settings are required");
        }
        this.server = server;
        this.restServer = restServer;
        this.kind = kind;
        this.settings = settings;
        this.transport = transport;
    }

    /** Runs {@code scenario} against a Hubbub node, on a transport of its own (for tests and embedding). */
    public static RunResult runOnce(ServerUnderTest server, LoadSettings settings, Scenario scenario)
            throws Exception {
        return runOnce(server, ServerKind.HUBBUB, settings, scenario);
    }

    /** Runs {@code scenario} against a server of {@code kind}, on a transport of its own. */
    public static RunResult runOnce(ServerUnderTest server, ServerKind kind, LoadSettings settings,
            Scenario scenario) throws Exception {
        Transport transport = new Transport(Runtime.getRuntime().availableProcessors());
        try {
            return new LoadRun(server, kind, settings, transport).run(scenario);
        } finally {
            transport.close();
        }
    }

    /** One measured window at {@code settings.rate()}. */
    public RunResult run(Scenario scenario) throws Exception {
        return runRates(scenario, List.of(settings.rate())).get(0);
    }

    /** Connects once, then measures at each rate in turn. */
    public List<RunResult> runRates(Scenario scenario, List<Double> rates) throws Exception {
        try (Session session = connect(scenario)) {
            List<RunResult> results = new ArrayList<>();
            for (double rate : rates) {
                results.add(session.measure(rate));
            }
            return results;
        }
    }

    /**
     * Connects once, then doubles the rate from {@code settings.rate()} while {@code sweep} says the server keeps
     * up, bisects {@link Sweep#bisections()} times between the last good and the first failed rate (twice: the
     * maximum is then known within a quarter of the last rate kept up with while doubling), and finally measures at
     * half the best rate (where the latency target applies). Returns every step in order; {@link Sweep#best} picks
     * the maximum.
     */
    public List<RunResult> sweep(Scenario scenario, Sweep sweep) throws Exception {
        try (Session session = connect(scenario)) {
            List<RunResult> steps = new ArrayList<>();
            double rate = settings.rate();
            double good = 0;
            double failed = 0;
            for (int i = 0; i < sweep.maxSteps() && failed == 0; i++) {
                RunResult r = session.measure(rate);
                steps.add(r);
                if (sweep.keepsUp(r)) {
                    good = rate;
                    rate *= 2;
                } else {
                    failed = rate;
                }
            }
            for (int i = 0; i < sweep.bisections() && failed > 0 && good > 0; i++) {
                RunResult mid = session.measure((good + failed) / 2);
                steps.add(mid);
                if (sweep.keepsUp(mid)) {
                    good = mid.targetRate();
                } else {
                    failed = mid.targetRate();
                }
            }
            if (good > 0) {
                steps.add(session.measure(good / 2));
            }
            return steps;
        }
    }

    private Session connect(Scenario scenario) throws Exception {
        if (!kind.supports(scenario)) {
            throw new IllegalArgumentException(kind.cliName() + " has no " + scenario.cliName() + " scenario");
        }
        return new Session(scenario);
    }

    /** The open connections of one scenario and what connecting them cost the server. */
    private final class Session implements AutoCloseable {
        private final Scenario scenario;
        private final Meter meter = new Meter();
        private final long pid = server.pid();
        private final ClientFleet fleet;
        private final RestSender rest;
        private final int connected;
        private final double heapPerConnection;
        private final double rssPerConnection;

        Session(Scenario scenario) throws Exception {
            this.scenario = scenario;
            int n = settings.connections();
            long heapBefore = liveHeap();
            long rssBefore = settledRss();
            System.out.printf("== %s on %s: %d connections, %d B payloads%n", scenario.cliName(), kind.cliName(), n,
                    settings.payloadBytes());
            this.fleet = new ClientFleet(transport, kind, meter, n);
            RestSender sender = null;
            try {
                sender = scenario.usesRest()
                        ? new RestSender(transport, restServer, kind, settings.hub(), settings.restConnections(),
                                meter)
                        : null;
                this.connected = fleet.connectAll(server, settings, scenario);
            } catch (Exception | Error e) {
                if (sender != null) {
                    sender.close();
                }
                fleet.close();
                throw e;
            }
            this.rest = sender;
            this.heapPerConnection = perConnection(heapBefore, liveHeap(), connected);
            this.rssPerConnection = perConnection(rssBefore, settledRss(), connected);
        }

        RunResult measure(double rate) {
            System.out.printf("-- %s on %s at %.0f sends/s%n", scenario.cliName(), kind.cliName(), rate);
            Pacer pacer = new Pacer(rate, settings.warmup().toSeconds(), sender());
            Thread pacerThread = new Thread(pacer, "load-pacer");
            pacerThread.setDaemon(true);
            long warmupSeconds = settings.warmup().toSeconds();
            long totalSeconds = warmupSeconds + settings.duration().toSeconds();
            long start = System.nanoTime();
            pacerThread.start();
            Window window = warmupSeconds == 0 ? Window.open(meter, pid) : null;
            for (long second = 1; second <= totalSeconds; second++) {
                long wake = start + second * 1_000_000_000L;
                Meter.sleep(Math.max(0, (wake - System.nanoTime()) / 1_000_000));
                System.out.println(meter.progress(scenario.cliName(), second, pid));
                if (second == warmupSeconds) {
                    window = Window.open(meter, pid);
                }
            }
            Histogram latency = meter.stopMeasuring();
            double cpu = (pid > 0 ? ProcStats.cpuSeconds(pid) : Double.NaN) - window.cpu;
            double systemCpu = (pid > 0 ? ProcStats.systemCpuSeconds(pid) : Double.NaN) - window.systemCpu;
            double generatorCpu = ProcStats.cpuSeconds(ProcessHandle.current().pid()) - window.generatorCpu;
            long delivered = meter.delivered.sum() - window.delivered;
            long sent = meter.sent.sum() - window.sent;
            long errors = meter.errors.sum() - window.errors;
            long throttled = meter.throttled.sum() - window.throttled;
            double seconds = (System.nanoTime() - window.nanos) / 1e9;
            pacer.stop();
            try {
                pacerThread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            settle();
            int fanOut = scenario.fanOut(connected);
            return new RunResult(kind, scenario, settings.connections(), connected, settings.payloadBytes(), rate,
                    sent / seconds, fanOut, delivered / seconds, sent * (double) fanOut / seconds, delivered,
                    Meter.millis(latency, 50), Meter.millis(latency, 99), Meter.millis(latency, 99.9),
                    cpu / (delivered / 1e6), 100 * cpu / seconds, 100 * systemCpu / seconds,
                    100 * generatorCpu / seconds, heapPerConnection,
                    rssPerConnection, errors, throttled);
        }

        /** Waits until deliveries stop arriving (a second without one), so that a backlog does not leak into the next step. */
        private void settle() {
            long deadline = System.nanoTime() + SETTLE_MAX_MILLIS * 1_000_000;
            long last = -1;
            while (System.nanoTime() < deadline) {
                long now = meter.delivered.sum();
                if (now == last) {
                    return;
                }
                last = now;
                Meter.sleep(1000);
            }
            meter.error("deliveries still arriving " + SETTLE_MAX_MILLIS / 1000 + " s after the senders stopped");
        }

        private LongConsumer sender() {
            int n = fleet.size();
            int size = settings.payloadBytes();
            String hub = settings.hub();
            return switch (scenario) {
                case BROADCAST -> seq -> rest.post(kind.broadcastPath(hub),
                        LatencyPayload.data(System.nanoTime(), size));
                case BIG_GROUP -> seq -> rest.post(kind.groupPath(hub, Scenario.bigGroup((int) (seq % n))),
                        LatencyPayload.data(System.nanoTime(), size));
                case SEND_TO_USER -> seq -> rest.post(kind.userPath(hub, Scenario.userId((int) (seq % n))),
                        LatencyPayload.data(System.nanoTime(), size));
                case SMALL_GROUPS -> seq -> {
                    int i = (int) (seq % n);
                    fleet.send(i, kind.groupFrame(Scenario.smallGroup(i), System.nanoTime(), size));
                    meter.sent.increment();
                };
                case WEBHOOK_ECHO -> seq -> {
                    fleet.send((int) (seq % n), LatencyPayload.jsonFrame(
                            "{\"type\":\"event\",\"event\":\"echo\",\"dataType\":\"text\",\"data\":\"",
                            System.nanoTime(), size, "\"}"));
                    meter.sent.increment();
                };
            };
        }

        /**
         * RSS once the server has given back what the heap reading's full GC freed: G1 shrinks the heap in that GC
         * but returns the pages concurrently, some 100 ms later, so a reading right away would count memory already
         * let go.
         */
        private long settledRss() {
            if (pid <= 0) {
                return -1;
            }
            if (settings.measureHeap() && kind.isJvm()) {
                Meter.sleep(1000);
            }
            return ProcStats.rssBytes(pid);
        }

        private long liveHeap() {
            return pid > 0 && settings.measureHeap() && kind.isJvm() ? ProcStats.liveHeapBytes(pid) : -1;
        }

        @Override
        public void close() {
            try {
                if (rest != null) {
                    rest.close();
                }
            } finally {
                fleet.close();
            }
        }
    }

    /** Where the measured window started. */
    private record Window(double cpu, double systemCpu, double generatorCpu, long delivered, long sent, long errors, long throttled,
            long nanos) {
        static Window open(Meter meter, long pid) {
            meter.startMeasuring();
            return new Window(pid > 0 ? ProcStats.cpuSeconds(pid) : Double.NaN,
                    pid > 0 ? ProcStats.systemCpuSeconds(pid) : Double.NaN, ProcStats.cpuSeconds(ProcessHandle.current().pid()), meter.delivered.sum(), meter.sent.sum(),
                    meter.errors.sum(), meter.throttled.sum(), System.nanoTime());
        }
    }

    private static double perConnection(long before, long after, int connections) {
        return before < 0 || after < 0 || connections == 0 ? Double.NaN : (after - before) / (double) connections;
    }
}
