package io.hubbub.server.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubbub.protocol.filter.ODataFilter;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SelectorTest {

    @Test
    void shouldAcceptEveryoneOnlyWithoutExclusionFilterOrSkippedSender() {
        assertThat(Selector.EVERYONE.acceptsEveryone()).isTrue();
        assertThat(Selector.of(Set.of(), null).acceptsEveryone()).isTrue();
        assertThat(Selector.of(Set.of("conn-1"), null).acceptsEveryone()).isFalse();
        assertThat(Selector.of(Set.of(), ODataFilter.parse("userId eq 'u1'")).acceptsEveryone()).isFalse();
        assertThat(Selector.skipping("conn-1").acceptsEveryone()).isFalse();
    }
}
