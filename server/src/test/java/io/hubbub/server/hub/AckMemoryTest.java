package io.hubbub.server.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AckMemoryTest {

    private static final long T0 = 1_000_000_000L;
    private final AckMemory memory = new AckMemory();

    @Test
    void shouldReportTheFirstUseOfAnAckIdAndEveryRepeatAsDuplicate() {
        assertThat(memory.firstUse(1, T0)).isTrue();
        assertThat(memory.firstUse(1, T0 + 1)).isFalse();
        assertThat(memory.firstUse(1, T0 + 2)).isFalse();
        assertThat(memory.firstUse(2, T0 + 3)).isTrue();
    }

    @Test
    void shouldTreatZeroAndUnsigned64BitIdsAsOrdinaryIds() {
        long max = -1L; // 18446744073709551615 as an unsigned value

        assertThat(memory.firstUse(0, T0)).as("ackId 0 is valid").isTrue();
        assertThat(memory.firstUse(0, T0)).isFalse();
        assertThat(memory.firstUse(max, T0)).isTrue();
        assertThat(memory.firstUse(Long.MAX_VALUE, T0)).isTrue();
        assertThat(memory.firstUse(max, T0)).isFalse();
    }

    @Test
    void forgetShouldLetTheSameIdBeProcessedAgain() {
        memory.firstUse(7, T0);
        memory.firstUse(8, T0);

        memory.forget(7);
        memory.forget(99); // unknown: no effect

        assertThat(memory.firstUse(7, T0 + 1)).isTrue();
        assertThat(memory.firstUse(7, T0 + 2)).isFalse();
        assertThat(memory.firstUse(8, T0 + 3)).as("other ids are kept").isFalse();
    }

    @Test
    void shouldRememberIdsForTenMinutes() {
        memory.firstUse(1, T0);
        memory.firstUse(2, T0 + AckMemory.RETENTION_NANOS / 2);

        assertThat(memory.firstUse(1, T0 + AckMemory.RETENTION_NANOS)).isFalse();
        assertThat(memory.firstUse(1, T0 + AckMemory.RETENTION_NANOS + 1)).as("expired").isTrue();
        assertThat(memory.firstUse(2, T0 + AckMemory.RETENTION_NANOS + 1)).as("not yet expired").isFalse();
    }

    @Test
    void shouldNotExtendRetentionOnARepeat() {
        memory.firstUse(1, T0);
        memory.firstUse(1, T0 + AckMemory.RETENTION_NANOS - 1); // duplicate, not a new use

        assertThat(memory.firstUse(1, T0 + AckMemory.RETENTION_NANOS + 1)).isTrue();
    }

    @Test
    void shouldKeepAtMostTenThousandIdsDroppingTheOldest() {
        assertThat(AckMemory.MAX_ENTRIES).isEqualTo(10_000);
        for (long id = 0; id <= AckMemory.MAX_ENTRIES; id++) { // 10,001 ids
            assertThat(memory.firstUse(id, T0 + id)).isTrue();
        }

        assertThat(memory.firstUse(1, T0 + 20_000)).as("second oldest kept").isFalse();
        assertThat(memory.firstUse(AckMemory.MAX_ENTRIES, T0 + 20_000)).as("newest kept").isFalse();
        assertThat(memory.firstUse(0, T0 + 20_000)).as("oldest dropped").isTrue();
    }
}
