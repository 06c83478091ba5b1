package io.hubbub.server.cluster;

/** What nodes of a cluster say to each other over the {@link ClusterTransport}. */
sealed interface ClusterMessage {

    /** The node that sent it. */
    String origin();

    /** A node announcing itself ({@code HELLO}, answered by a {@code BEAT} from each node), alive, or leaving. */
    record Presence(String origin, Kind kind) implements ClusterMessage {
        enum Kind { HELLO, BEAT, BYE }
    }

    /** A call for every node to run; {@code id} 0 for a publish, which nobody answers. */
    record Request(String origin, long id, RemoteCall call) implements ClusterMessage {
    }

    /**
     * A node's answer to request {@code id}: a {@code Boolean}, a {@code List<Member>}, or null when the call returns
     * nothing.
     */
    record Reply(String origin, long id, Object result) implements ClusterMessage {
    }
}
