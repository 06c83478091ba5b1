package io.hubbub.server.hub;

/** How a connection speaks: a simple client, or one of the Web PubSub subprotocols this node serves. */
public enum ClientProtocol {
    SIMPLE(null, false),
    JSON("json.webpubsub.azure.v1", true);

    private final String subprotocol;
    private final boolean pubSub;

    ClientProtocol(String subprotocol, boolean pubSub) {
        this.subprotocol = subprotocol;
        this.pubSub = pubSub;
    }

    /** The value echoed in Sec-WebSocket-Protocol, or null for simple clients. */
    public String subprotocol() {
        return subprotocol;
    }

    /** True for Web PubSub subprotocols: they get system messages, acks and typed messages. */
    public boolean isPubSub() {
        return pubSub;
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
