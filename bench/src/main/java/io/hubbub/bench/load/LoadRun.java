package io.hubbub.bench.load;

import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;

/**
 * Runs scenarios against one server: connect, warm up, measure, disconnect. Server-side figures come from /proc
 * and jcmd when the server's pid is known. The caller owns the server, the transport and the webhook handler.
 */
public final class LoadRun {

    private final ServerUnderTest server;
    private final LoadSettings settings;
    private final Transport transport;

    LoadRun(ServerUnderTest server, LoadSettings settings, Transport transport) {
        this.server = server;
        this.settings = settings;
        this.transport = transport;
    }

    /** Runs {@code scenario} on a transport of its own (for tests and embedding). */
    public static RunResult runOnce(ServerUnderTest server, LoadSettings settings, Scenario scenario)
            throws Exception {
        Transport transport = new Transport(Runtime.getRuntime().availableProcessors());
        try {
            return new LoadRun(server, settings, transport).run(scenario);
        } finally {
            transport.close();
        }
    }

    public RunResult run(Scenario scenario) throws Exception {
        Meter meter = new Meter();
        long pid = server.pid();
        int n = settings.connections();
        long heapBefore = liveHeap(pid);
        long rssBefore = pid > 0 ? ProcStats.rssBytes(pid) : -1;
        System.out.printf("== %s: %d connections, %.0f sends/s, %d B payloads%n", scenario.cliName(), n,
                settings.rate(), settings.payloadBytes());
        try (ClientFleet fleet = new ClientFleet(transport, meter, n);
                RestSender rest = scenario.usesRest()
                        ? new RestSender(transport, server, settings.hub(), settings.restConnections(), meter) : null) {
            int connected = fleet.connectAll(server, settings, scenario);
            long heapAfter = liveHeap(pid);
            long rssAfter = pid > 0 ? ProcStats.rssBytes(pid) : -1;
            Pacer pacer = new Pacer(settings.rate(), settings.warmup().toSeconds(), sender(scenario, fleet, rest, meter));
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
            double generatorCpu = ProcStats.cpuSeconds(ProcessHandle.current().pid()) - window.generatorCpu;
            long delivered = meter.delivered.sum() - window.delivered;
            long sent = meter.sent.sum() - window.sent;
            double seconds = (System.nanoTime() - window.nanos) / 1e9;
            pacer.stop();
            pacerThread.join();
            Meter.sleep(1000); // let in-flight messages land before the sockets go
            int fanOut = scenario.fanOut(connected);
            return new RunResult(scenario, n, connected, settings.payloadBytes(), settings.rate(), sent / seconds,
                    fanOut, delivered / seconds, sent * (double) fanOut / seconds, delivered,
                    Meter.millis(latency, 50), Meter.millis(latency, 99), Meter.millis(latency, 99.9),
                    cpu / (delivered / 1e6), 100 * cpu / seconds, 100 * generatorCpu / seconds,
                    perConnection(heapBefore, heapAfter, connected), perConnection(rssBefore, rssAfter, connected),
                    meter.errors.sum(), meter.throttled.sum());
        }
    }

    private LongConsumer sender(Scenario scenario, ClientFleet fleet, RestSender rest, Meter meter) {
        int n = fleet.size();
        int size = settings.payloadBytes();
        return switch (scenario) {
            case BROADCAST -> seq -> rest.post(":send", LatencyPayload.data(System.nanoTime(), size));
            case BIG_GROUP -> seq -> rest.post("groups/" + Scenario.bigGroup((int) (seq % n)) + "/:send",
                    LatencyPayload.data(System.nanoTime(), size));
            case SEND_TO_USER -> seq -> rest.post("users/" + Scenario.userId((int) (seq % n)) + "/:send",
                    LatencyPayload.data(System.nanoTime(), size));
            case SMALL_GROUPS -> seq -> {
                int i = (int) (seq % n);
                fleet.send(i, LatencyPayload.jsonFrame("{\"type\":\"sendToGroup\",\"group\":\""
                        + Scenario.smallGroup(i) + "\",\"dataType\":\"text\",\"data\":\"", System.nanoTime(), size));
                meter.sent.increment();
            };
            case WEBHOOK_ECHO -> seq -> {
                fleet.send((int) (seq % n), LatencyPayload.jsonFrame(
                        "{\"type\":\"event\",\"event\":\"echo\",\"dataType\":\"text\",\"data\":\"", System.nanoTime(),
                        size));
                meter.sent.increment();
            };
        };
    }

    /** Where the measured window started. */
    private record Window(double cpu, double generatorCpu, long delivered, long sent, long nanos) {
        static Window open(Meter meter, long pid) {
            meter.startMeasuring();
            return new Window(pid > 0 ? ProcStats.cpuSeconds(pid) : Double.NaN,
                    ProcStats.cpuSeconds(ProcessHandle.current().pid()), meter.delivered.sum(), meter.sent.sum(),
                    System.nanoTime());
        }
    }

    private long liveHeap(long pid) {
        return pid > 0 && settings.measureHeap() ? ProcStats.liveHeapBytes(pid) : -1;
    }

    private static double perConnection(long before, long after, int connections) {
        return before < 0 || after < 0 || connections == 0 ? Double.NaN : (after - before) / (double) connections;
    }
}
