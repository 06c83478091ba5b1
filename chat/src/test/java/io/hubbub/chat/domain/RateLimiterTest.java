package io.hubbub.chat.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    final AtomicLong nanos = new AtomicLong();
    final RateLimiter limiter = new RateLimiter(60, 3, nanos::get);

    @Test
    void aBurstPassesThenTheRateApplies() {
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
        assertThat(limiter.tryAcquire("b")).as("users are limited separately").isTrue();
        nanos.addAndGet(999_000_000L);
        assertThat(limiter.tryAcquire("a")).as("60/min = one per second").isFalse();
        nanos.addAndGet(1_000_000L);
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
    }

    @Test
    void quietTimeRefillsNoMoreThanTheBurst() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("a");
        }
        nanos.addAndGet(3_600_000_000_000L);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("a")).isTrue();
        }
        assertThat(limiter.tryAcquire("a")).isFalse();
    }
}
