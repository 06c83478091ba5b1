package io.hubbub.server.hub;

/** How a connection speaks: a simple client, or one of the Web PubSub subprotocols this node serves. */
public enum ClientProtocol {
    SIMPLE(null, false, false),
    JSON("json.webpubsub.azure.v1", true, false),
    JSON_RELIABLE("json.reliable.webpubsub.azure.v1", true, true);

    private final String subprotocol;
    private final boolean pubSub;
    private final boolean reliable;

    ClientProtocol(String subprotocol, boolean pubSub, boolean reliable) {
        this.subprotocol = subprotocol;
        this.pubSub = pubSub;
        this.reliable = reliable;
    }

    /** The value echoed in Sec-WebSocket-Protocol, or null for simple clients. */
    public String subprotocol() {
        return subprotocol;
    }

    /** True for Web PubSub subprotocols: they get system messages, acks and typed messages. */
    public boolean isPubSub() {
        return pubSub;
    }

    /** True for the reliable subprotocols: sequence ids, acks and recovery after a dropped socket. */
    public boolean isReliable() {
        return reliable;
    }

    /** The protocol for an offered subprotocol value, or null if this node does not serve it. */
    public static ClientProtocol forSubprotocol(String offered) {
        for (ClientProtocol p : values()) {
            if (p.subprotocol != null && p.subprotocol.equalsIgnoreCase(offered)) {
                return p;
            }
        }
        return null;
    }
}
