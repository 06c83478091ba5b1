package io.hubbub.server.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompactSetsTest {

    @Test
    void shouldGrowFromNothingToOneToManyInInsertionOrderAndShrinkBack() {
        Set<String> set = Set.of();

        set = CompactSets.with(set, "a");
        assertThat(set).containsExactly("a").isNotInstanceOf(LinkedHashSet.class);
        set = CompactSets.with(set, "a");
        assertThat(set).as("adding a member again changes nothing").containsExactly("a");
        set = CompactSets.with(set, "b");
        set = CompactSets.with(set, "c");
        assertThat(set).containsExactly("a", "b", "c");

        set = CompactSets.without(set, "b");
        assertThat(set).containsExactly("a", "c");
        set = CompactSets.without(set, "a");
        assertThat(set).as("one left: no set object again").containsExactly("c")
                .isNotInstanceOf(LinkedHashSet.class);
        set = CompactSets.without(set, "x");
        assertThat(set).containsExactly("c");
        set = CompactSets.without(set, "c");
        assertThat(set).isEmpty();
    }

    @Test
    void aGrownSetShouldBeGrownInPlace() {
        Set<String> two = CompactSets.with(Set.of("a"), "b");

        assertThat(CompactSets.with(two, "c")).isSameAs(two);
        assertThat(CompactSets.without(two, "c")).isSameAs(two).containsExactly("a", "b");
    }
}
