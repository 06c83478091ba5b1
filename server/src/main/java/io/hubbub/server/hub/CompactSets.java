package io.hubbub.server.hub;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Copy-on-grow sets for memberships that mostly have one element: a user's connections, a connection's groups, a
 * private group. Empty is the shared empty set, one element an immutable one-element set (16 bytes, where an empty
 * {@code LinkedHashSet} already costs 64 and one entry about 190), and from two elements on a {@code LinkedHashSet}
 * grown in place, in insertion order. Callers keep the set returned in place of the one they passed and never change
 * a set themselves. With thousands of idle connections this is a good part of what each one costs.
 */
final class CompactSets {

    private CompactSets() {
    }

    /** {@code set} with {@code element} added. */
    static <T> Set<T> with(Set<T> set, T element) {
        if (set.isEmpty()) {
            return Set.of(element);
        }
        if (set instanceof LinkedHashSet<T> grown) {
            grown.add(element);
            return grown;
        }
        if (set.contains(element)) {
            return set;
        }
        Set<T> grown = new LinkedHashSet<>(set);
        grown.add(element);
        return grown;
    }

    /** {@code set} without {@code element}; empty when nothing is left. */
    static <T> Set<T> without(Set<T> set, T element) {
        if (!(set instanceof LinkedHashSet<T> grown)) {
            return set.contains(element) ? Set.of() : set;
        }
        grown.remove(element);
        return switch (grown.size()) {
            case 0 -> Set.of();
            case 1 -> Set.of(grown.iterator().next());
            default -> grown;
        };
    }
}
