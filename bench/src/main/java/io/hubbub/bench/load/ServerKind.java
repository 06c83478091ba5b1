package io.hubbub.bench.load;

import io.hubbub.testkit.ClientTokens;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which server the load goes to, and how the generator speaks to it. Hubbub is driven through its Azure Web PubSub
 * protocol; the peers ({@code ws}, Socket.IO, the raw Netty floor) through the small contract in
 * {@code bench/peers/README.md}: a WebSocket at {@code /ws} (Socket.IO: {@code /socket.io/}) with {@code user} and
 * {@code group} query parameters, and {@code POST /send}, {@code /groups/G/send}, {@code /users/U/send}. Every kind
 * delivers data inside a JSON object with a {@code "data":"..."} member, so one latency reader serves all.
 */
public enum ServerKind {
    HUBBUB("hubbub"),
    /** {@code ws} 8.23.0 on Node.js: the idiomatic "serialize once, {@code client.send} to each" broadcast. */
    WS("ws"),
    /** Socket.IO 4.8.4 on Node.js (WebSocket transport only): {@code io.emit} / {@code io.to(room).emit}. */
    SOCKET_IO("socket.io"),
    /**
     * A raw Netty server that pre-encodes each message's WebSocket frame once and writes a duplicate of it to every
     * receiver from the receiver's own event loop: no auth, no protocol, no bookkeeping. The floor Hubbub's CPU per
     * delivery is compared with.
     */
    NETTY_FLOOR("netty-floor");

    private final String cliName;

    ServerKind(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static ServerKind fromCliName(String name) {
        for (ServerKind k : values()) {
            if (k.cliName.equalsIgnoreCase(name.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown server '" + name + "'; known: hubbub, ws, socket.io, netty-floor");
    }

    /** Whether the server runs on a JVM (its live heap can be read with jcmd). */
    boolean isJvm() {
        return this == HUBBUB || this == NETTY_FLOOR;
    }

    /** Whether the kind runs {@code scenario}: the webhook echo is a Hubbub feature. */
    boolean supports(Scenario scenario) {
        return this == HUBBUB || scenario != Scenario.WEBHOOK_ECHO;
    }

    /** The WebSocket URL of generator connection {@code i}. */
    URI clientUri(URI endpoint, String hub, ClientTokens tokens, int i, Scenario scenario) {
        String base = "ws://" + endpoint.getHost() + ":" + endpoint.getPort();
        if (this == HUBBUB) {
            String token = tokens.client(hub, Scenario.userId(i), scenario.rolesOf(), scenario.groupsOf(i));
            return URI.create(base + "/client/hubs/" + hub + "?access_token=" + token);
        }
        List<String> groups = scenario.groupsOf(i);
        String query = "user=" + Scenario.userId(i) + (groups.isEmpty() ? "" : "&group=" + groups.get(0));
        return URI.create(base + (this == SOCKET_IO ? "/socket.io/?EIO=4&transport=websocket&" : "/ws?") + query);
    }

    /** The WebSocket subprotocol to ask for, or null. */
    String subprotocol() {
        return this == HUBBUB ? "json.webpubsub.azure.v1" : null;
    }

    /** Whether the connection speaks Engine.IO (open packet, namespace connect, ping/pong) over the WebSocket. */
    boolean engineIo() {
        return this == SOCKET_IO;
    }

    String broadcastPath(String hub) {
        return this == HUBBUB ? "/api/hubs/" + hub + "/:send" : "/send";
    }

    String groupPath(String hub, String group) {
        return this == HUBBUB ? "/api/hubs/" + hub + "/groups/" + group + "/:send" : "/groups/" + group + "/send";
    }

    String userPath(String hub, String user) {
        return this == HUBBUB ? "/api/hubs/" + hub + "/users/" + user + "/:send" : "/users/" + user + "/send";
    }

    /** Whether REST calls carry a bearer token (the peers take none). */
    boolean restNeedsToken() {
        return this == HUBBUB;
    }

    /** A client frame publishing {@code size} bytes of timestamped data to {@code group}. */
    byte[] groupFrame(String group, long sentNanos, int size) {
        if (this == SOCKET_IO) {
            return LatencyPayload.jsonFrame("42[\"sendToGroup\",{\"group\":\"" + group + "\",\"data\":\"", sentNanos,
                    size, "\"}]");
        }
        return LatencyPayload.jsonFrame("{\"type\":\"sendToGroup\",\"group\":\"" + group
                + "\",\"dataType\":\"text\",\"data\":\"", sentNanos, size, "\"}");
    }

    /**
     * The command that starts this server listening on 127.0.0.1 and a free port; it prints
     * {@code ... ready on port N}.
     *
     * @param javaOptions JVM options (JVM kinds only)
     * @param ioThreads event loops for the JVM kinds, or 0 for their default
     */
    List<String> command(Path hubbubJar, Path peersDir, List<String> javaOptions, int ioThreads, String accessKey,
            String eventHandler) {
        List<String> cmd = new ArrayList<>();
        switch (this) {
            case HUBBUB -> {
                cmd.add(javaBinary());
                cmd.addAll(javaOptions);
                cmd.addAll(List.of("-jar", hubbubJar.toString(), "serve", "--bind", "127.0.0.1", "--port", "0",
                        "--access-key", accessKey));
                if (eventHandler != null) {
                    cmd.addAll(List.of("--event-handler", eventHandler));
                }
            }
            case NETTY_FLOOR -> {
                cmd.add(javaBinary());
                cmd.addAll(javaOptions);
                // The generator's own class path holds the floor server (the bench jar, or target/classes in tests).
                cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
                        "io.hubbub.bench.floor.FloorServer", "--port", "0"));
            }
            case WS, SOCKET_IO -> cmd.addAll(List.of("node",
                    peersDir.resolve(this == WS ? "ws-server.mjs" : "socketio-server.mjs").toString(),
                    "--host", "127.0.0.1", "--port", "0"));
        }
        if (ioThreads > 0 && isJvm()) {
            cmd.addAll(List.of("--io-threads", Integer.toString(ioThreads)));
        }
        return cmd;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
