package io.hubbub.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacerTest {

    private final Pacer pacer = new Pacer(1000, 10, seq -> { });

    @Test
    void shouldRampFromATenthToTheFullRateDuringTheWarmUp() {
        assertThat(pacer.dueAt(1) - pacer.dueAt(0)).isBetween(100L, 200L);
        assertThat(pacer.dueAt(10) - pacer.dueAt(9)).isBetween(900L, 1000L);
        assertThat(pacer.dueAt(10)).isEqualTo(5500);
    }

    @Test
    void shouldSendAtTheFullRateAfterTheWarmUp() {
        assertThat(pacer.dueAt(15) - pacer.dueAt(14)).isEqualTo(1000);
    }

    @Test
    void shouldNotRampWithoutAWarmUp() {
        Pacer flat = new Pacer(500, 0, seq -> { });
        assertThat(flat.dueAt(2)).isEqualTo(1000);
    }
}
