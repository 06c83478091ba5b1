package io.hubbub.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SweepTest {

    private final Sweep sweep = new Sweep(0.99, 100, 8, 2);

    private static RunResult result(double rate, double sent, double delivered, double p99, long errors) {
        int fanOut = 10;
        return new RunResult(ServerKind.HUBBUB, Scenario.BIG_GROUP, 100, 100, 2048, rate, sent, fanOut,
                delivered, sent * fanOut, (long) delivered, 1, p99, p99, 1, 1, 1, 1, 1, 1, errors, 0);
    }

    @Test
    void shouldKeepUpWhenEverythingSentIsDeliveredInTime() {
        assertThat(sweep.keepsUp(result(100, 100, 1000, 50, 0))).isTrue();
    }

    @Test
    void shouldNotKeepUpWhenDeliveriesFallBehind() {
        assertThat(sweep.keepsUp(result(100, 100, 950, 50, 0))).isFalse();
    }

    @Test
    void shouldNotKeepUpWhenTheSenderCouldNotSendTheRateAskedFor() {
        assertThat(sweep.keepsUp(result(100, 80, 800, 50, 0))).isFalse();
    }

    @Test
    void shouldNotKeepUpWithErrorsOrSlowDeliveries() {
        assertThat(sweep.keepsUp(result(100, 100, 1000, 50, 1))).isFalse();
        assertThat(sweep.keepsUp(result(100, 100, 1000, 150, 0))).isFalse();
    }

    @Test
    void shouldPickTheHighestRateThatKeptUp() {
        RunResult slow = result(100, 100, 1000, 10, 0);
        RunResult fast = result(200, 200, 2000, 20, 0);
        RunResult broken = result(400, 400, 3000, 900, 0);

        assertThat(sweep.best(List.of(slow, fast, broken))).isSameAs(fast);
        assertThat(sweep.best(List.of(broken))).isNull();
    }
}
