package io.hubbub.bench.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The counters of one run, updated from every event loop: sends, deliveries with their end-to-end latency
 * (HdrHistogram, microseconds), errors. A progress line per second; the measured window is between
 * {@link #startMeasuring()} and {@link #stopMeasuring()}.
 */
final class Meter {

    private static final int LOGGED_ERRORS = 10;

    final LongAdder sent = new LongAdder();
    final LongAdder throttled = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder connected = new LongAdder();
    private final AtomicInteger loggedErrors = new AtomicInteger();
    private final Recorder recorder = new Recorder(3);
    // Guarded by this: the progress thread and stopMeasuring() both drain the recorder.
    private final Histogram window = new Histogram(3);
    private Histogram interval;
    private boolean measuring;
    private long lastSent;
    private long lastDelivered;
    private final long selfPid = ProcessHandle.current().pid();
    private double lastSelfCpu = Double.NaN;
    private double lastServerCpu = Double.NaN;

    void delivered(long sentNanos) {
        long micros = (System.nanoTime() - sentNanos) / 1_000;
        if (micros < 0 || sentNanos <= 0) {
            error("a message carried an invalid timestamp");
            return;
        }
        delivered.increment();
        recorder.recordValue(micros);
    }

    /** Counts an error; the first few are printed with their reason. */
    void error(String reason) {
        errors.increment();
        if (loggedErrors.incrementAndGet() <= LOGGED_ERRORS) {
            System.err.println("error: " + reason);
        }
    }

    synchronized void startMeasuring() {
        interval = recorder.getIntervalHistogram(interval);
        window.reset();
        measuring = true;
    }

    synchronized Histogram stopMeasuring() {
        drain();
        measuring = false;
        return window.copy();
    }

    private void drain() {
        interval = recorder.getIntervalHistogram(interval);
        if (measuring) {
            window.add(interval);
        }
    }

    /**
     * One progress line covering the last second; called once per second. CPU is in % of one core, for the server
     * ({@code serverPid}, -1 if unknown) and for this generator: a generator near its cores' limit measures itself.
     */
    synchronized String progress(String label, long elapsedSeconds, long serverPid) {
        drain();
        long s = sent.sum();
        long d = delivered.sum();
        double selfCpu = ProcStats.cpuSeconds(selfPid);
        double serverCpu = serverPid > 0 ? ProcStats.cpuSeconds(serverPid) : Double.NaN;
        String line = String.format("[%3ds] %s%s sent/s=%d delivered/s=%d p50=%.2fms p99=%.2fms max=%.2fms "
                        + "errors=%d throttled=%d cpu%%: server=%.0f generator=%.0f",
                elapsedSeconds, label, measuring ? "" : " (warm-up)", s - lastSent, d - lastDelivered,
                millis(interval, 50), millis(interval, 99), interval.getTotalCount() == 0 ? 0.0
                        : interval.getMaxValue() / 1000.0, errors.sum(), throttled.sum(),
                100 * (serverCpu - lastServerCpu), 100 * (selfCpu - lastSelfCpu));
        lastSent = s;
        lastDelivered = d;
        lastSelfCpu = selfCpu;
        lastServerCpu = serverCpu;
        return line;
    }

    static double millis(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
