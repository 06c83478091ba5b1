package io.hubbub.server.hub;

/** How a connection speaks: a simple client, or one of the Web PubSub subprotocols this node serves. */
public enum ClientProtocol {
    SIMPLE(null, null, false),
    JSON("json.webpubsub.azure.v1", DownstreamEncoder.JSON, false),
    JSON_RELIABLE("json.reliable.webpubsub.azure.v1", DownstreamEncoder.JSON, true),
    PROTOBUF("protobuf.webpubsub.azure.v1", DownstreamEncoder.PROTOBUF, false),
    PROTOBUF_RELIABLE("protobuf.reliable.webpubsub.azure.v1", DownstreamEncoder.PROTOBUF, true);

    private final String subprotocol;
    private final DownstreamEncoder encoder;
    private final boolean reliable;

    ClientProtocol(String subprotocol, DownstreamEncoder encoder, boolean reliable) {
        this.subprotocol = subprotocol;
        this.encoder = encoder;
        this.reliable = reliable;
    }

    /** The value echoed in Sec-WebSocket-Protocol, or null for simple clients. */
    public String subprotocol() {
        return subprotocol;
    }

    /** True for Web PubSub subprotocols: they get system messages, acks and typed messages. */
    public boolean isPubSub() {
        return encoder != null;
    }

    /** True for the protobuf subprotocols (binary frames both ways). */
    public boolean isProtobuf() {
        return encoder == DownstreamEncoder.PROTOBUF;
    }

    /** True for the reliable subprotocols: sequence ids, acks and recovery after a dropped socket. */
    public boolean isReliable() {
        return reliable;
    }

    /** How the service's own messages are encoded; null for simple clients. */
    public DownstreamEncoder encoder() {
        return encoder;
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
