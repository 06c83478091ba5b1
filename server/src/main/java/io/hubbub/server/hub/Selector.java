package io.hubbub.server.hub;

import io.hubbub.protocol.filter.ODataFilter;
import java.util.Set;

/**
 * Which of a target's connections receive a message: not excluded, not the no-echo sender, and matching the filter.
 * Evaluated on each receiver's event loop, where its groups may be read.
 */
public record Selector(Set<String> excluded, ODataFilter filter, String skipConnectionId) {

    public static final Selector EVERYONE = new Selector(Set.of(), null, null);

    public Selector {
        excluded = Set.copyOf(excluded);
    }

    public static Selector of(Set<String> excluded, ODataFilter filter) {
        return excluded.isEmpty() && filter == null ? EVERYONE : new Selector(excluded, filter, null);
    }

    public static Selector skipping(String connectionId) {
        return new Selector(Set.of(), null, connectionId);
    }

    /** Whether every connection is accepted: no exclusion, no filter, no sender to skip. */
    boolean acceptsEveryone() {
        return skipConnectionId == null && excluded.isEmpty() && filter == null;
    }

    boolean accepts(ClientConnection connection) {
        String id = connection.connectionId();
        return !id.equals(skipConnectionId)
                && !excluded.contains(id)
                && (filter == null || filter.matches(connection));
    }
}
