package io.hubbub.chat.domain;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per user: {@code burst} messages at once, refilled at {@code perMinute}. Buckets of users who have
 * been quiet long enough to be full again are dropped when the map grows, so memory follows active users only.
 */
public final class RateLimiter {

    private static final int PRUNE_ABOVE = 10_000;

    private final double capacity;
    private final double tokensPerNano;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int perMinute, int burst, LongSupplier nanoClock) {
        this.capacity = burst;
        this.tokensPerNano = perMinute / 60e9;
        this.nanoClock = nanoClock;
    }

    /** Takes one token for {@code user}; false when the bucket is empty. */
    public boolean tryAcquire(String user) {
        long now = nanoClock.getAsLong();
        if (buckets.size() > PRUNE_ABOVE) {
            buckets.values().removeIf(b -> b.fullAt(now));
        }
        return buckets.computeIfAbsent(user, u -> new Bucket(capacity, now)).take(now);
    }

    private final class Bucket {
        // guarded by this
        private double tokens;
        private long updatedNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }

        synchronized boolean take(long now) {
            refill(now);
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }

        synchronized boolean fullAt(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - updatedNanos) * tokensPerNano);
            updatedNanos = now;
        }
    }
}
