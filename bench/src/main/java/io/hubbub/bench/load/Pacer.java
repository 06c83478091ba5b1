package io.hubbub.bench.load;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Calls {@code send} at a steady rate, open loop: the schedule does not wait for the service, so a slow service
 * shows up as latency (each payload carries its send time) instead of as a lower send rate. During the warm-up the
 * rate ramps linearly from 10 % to 100 %, so that a cold JIT does not start the measured window with a backlog.
 */
final class Pacer implements Runnable {

    private static final long TICK_NANOS = 250_000;

    private final double ratePerSecond;
    private final double rampSeconds;
    private final LongConsumer send;
    private volatile boolean running = true;

    Pacer(double ratePerSecond, double rampSeconds, LongConsumer send) {
        this.ratePerSecond = ratePerSecond;
        this.rampSeconds = rampSeconds;
        this.send = send;
    }

    /** Sends due after {@code t} seconds: the integral of the ramped rate. */
    long dueAt(double t) {
        if (t < rampSeconds) {
            return (long) (ratePerSecond * (0.1 * t + 0.45 * t * t / rampSeconds));
        }
        return (long) (ratePerSecond * (0.55 * rampSeconds + t - rampSeconds));
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        long sent = 0;
        while (running) {
            long due = dueAt((System.nanoTime() - start) / 1e9);
            while (sent < due && running) {
                send.accept(sent++);
            }
            LockSupport.parkNanos(TICK_NANOS);
        }
    }

    void stop() {
        running = false;
    }
}
