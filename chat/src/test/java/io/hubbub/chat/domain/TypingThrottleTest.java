package io.hubbub.chat.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TypingThrottleTest {

    @Test
    void oneSignalPerUserAndRoomPerInterval() {
        AtomicLong nanos = new AtomicLong();
        TypingThrottle throttle = new TypingThrottle(2000, nanos::get);
        assertThat(throttle.allow("alice", "general")).isTrue();
        assertThat(throttle.allow("alice", "general")).isFalse();
        assertThat(throttle.allow("alice", "random")).isTrue();
        assertThat(throttle.allow("bob", "general")).isTrue();
        nanos.addAndGet(1_999_000_000L);
        assertThat(throttle.allow("alice", "general")).isFalse();
        nanos.addAndGet(1_000_000L);
        assertThat(throttle.allow("alice", "general")).isTrue();
    }
}
