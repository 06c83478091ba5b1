package io.hubbub.bench.load;

import java.util.Locale;

/**
 * What one scenario run measured, over its measured window only.
 *
 * @param sentPerSecond REST sends answered 2xx, or frames written by clients, per second
 * @param expectedPerSecond sent/s × fan-out: what should have been delivered
 * @param cpuSecondsPerMillion server CPU seconds per million deliveries (NaN without a pid)
 * @param serverCpuPercent server CPU use during the window, 100 = one core (NaN without a pid)
 * @param serverSystemCpuPercent the kernel's part of it (on loopback mostly TCP, both ends of each socket)
 * @param generatorCpuPercent this generator's CPU use during the window, 100 = one core
 * @param heapBytesPerConnection live heap growth after connecting, per connection (NaN when not measured)
 * @param rssBytesPerConnection RSS growth after connecting, per connection (NaN without a pid)
 */
public record RunResult(ServerKind server, Scenario scenario, int connections, int connected, int payloadBytes,
        double targetRate, double sentPerSecond, int fanOut, double deliveredPerSecond, double expectedPerSecond, long delivered,
        double p50Millis, double p99Millis, double p999Millis, double cpuSecondsPerMillion, double serverCpuPercent,
        double serverSystemCpuPercent,
        double generatorCpuPercent,
        double heapBytesPerConnection, double rssBytesPerConnection, long errors, long throttled) {

    static final String MARKDOWN_HEADER = """
            | server | scenario | conns | payload B | target sends/s | sent/s | fan-out | delivered msg/s | delivered/expected \
            | p50 ms | p99 ms | p99.9 ms | server CPU s / 1M deliveries | server CPU % (kernel) | generator CPU % \
            | live heap KB/conn | RSS KB/conn | cloud units (msg/s) | errors |
            |---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|""";

    /** Delivered msg/s over what one cloud unit is quoted for; NaN when the brief quotes nothing. */
    public double cloudUnits() {
        int perUnit = scenario.deliveriesPerUnit();
        return perUnit == 0 ? Double.NaN : deliveredPerSecond / perUnit;
    }

    public String markdownRow() {
        return String.format(Locale.ROOT,
                "| %s | %s | %d%s | %d | %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d%s |",
                server.cliName(), scenario.cliName(), connections,
                connected == connections ? "" : " (" + connected + " up)", payloadBytes, num(targetRate, 0), num(sentPerSecond, 0), fanOut, num(deliveredPerSecond, 0),
                expectedPerSecond > 0 ? num(100 * deliveredPerSecond / expectedPerSecond, 1) + " %" : "—",
                num(p50Millis, 2), num(p99Millis, 2), num(p999Millis, 2), num(cpuSecondsPerMillion, 1),
                num(serverCpuPercent, 0) + " (" + num(serverSystemCpuPercent, 0) + ")", num(generatorCpuPercent, 0),
                num(heapBytesPerConnection / 1024, 2), num(rssBytesPerConnection / 1024, 2), num(cloudUnits(), 1), errors,
                throttled == 0 ? "" : " (" + throttled + " sends throttled)");
    }

    private static String num(double v, int decimals) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "—" : String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }
}
