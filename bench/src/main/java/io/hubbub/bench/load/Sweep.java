package io.hubbub.bench.load;

import java.util.List;

/**
 * When a server "keeps up" with a send rate during a sweep: every message sent at the rate asked for (REST sends
 * are not throttled or slowed down), at least {@code minDelivered} of the expected deliveries arrived within the
 * window, no errors, and the 99th percentile latency stays under {@code maxP99Millis}.
 *
 * @param minDelivered delivered/expected ratio, e.g. 0.99
 * @param maxP99Millis latency bound at the 99th percentile
 * @param maxSteps doubling steps before giving up on finding a limit
 * @param bisections bisections between the last rate kept up with and the first failed one
 */
public record Sweep(double minDelivered, double maxP99Millis, int maxSteps, int bisections) {

    /** Two bisections after the doubling: the maximum is known within a quarter of the last doubled rate kept up. */
    public static final int DEFAULT_BISECTIONS = 2;

    public Sweep {
        if (minDelivered <= 0 || minDelivered > 1 || maxP99Millis <= 0 || maxSteps < 1 || bisections < 0) {
            throw new IllegalArgumentException(
                    "minDelivered in (0, 1], maxP99Millis > 0, maxSteps >= 1 and bisections >= 0");
        }
    }

    boolean keepsUp(RunResult r) {
        return r.errors() == 0 && r.throttled() == 0
                && r.sentPerSecond() >= 0.97 * r.targetRate()
                && r.deliveredPerSecond() >= minDelivered * r.expectedPerSecond()
                && r.p99Millis() <= maxP99Millis;
    }

    /** The step with the highest delivered msg/s among those that kept up, or null. */
    RunResult best(List<RunResult> steps) {
        RunResult best = null;
        for (RunResult r : steps) {
            if (keepsUp(r) && (best == null || r.deliveredPerSecond() > best.deliveredPerSecond())) {
                best = r;
            }
        }
        return best;
    }
}
