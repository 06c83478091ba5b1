package io.hubbub.server.config;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one node needs, immutable after load. Build with {@link #builder()}; {@link ConfigLoader} reads YAML.
 *
 * @param bindHost address to listen on
 * @param port TCP port for REST and WebSockets (0 = any free port)
 * @param primaryKey AccessKey used to sign and verify tokens
 * @param secondaryKey second accepted AccessKey, or null
 * @param publicEndpoint {@code scheme://host[:port]} clients and app servers use to reach this node, or null to derive
 *     it from each request's Host header
 * @param maxMessageBytes largest accepted message (WebSocket frame or REST body)
 * @param slowClientBytes outbound bytes queued for a non-reliable client before it is closed as slow
 * @param ioThreads event loops (0 = one per core, see {@link #eventLoops()})
 * @param hubs per-hub settings; hubs not listed use {@link #defaultHub()}
 * @param defaultHub settings of hubs not listed
 * @param upstream limits of calls to event handlers
 * @param reconnectWindowSeconds how long a reliable connection whose socket dropped waits for recovery
 * @param cluster the other nodes, through Redis; {@link ClusterSettings#SINGLE_NODE} for none
 * @param metricsPort port of {@code GET /metrics} (Prometheus), on {@code bindHost}; 0 = a free port, -1 = not served
 */
public record ServerConfig(
        String bindHost,
        int port,
        String primaryKey,
        String secondaryKey,
        URI publicEndpoint,
        int maxMessageBytes,
        int slowClientBytes,
        int ioThreads,
        Map<String, HubSettings> hubs,
        HubSettings defaultHub,
        UpstreamSettings upstream,
        int reconnectWindowSeconds,
        ClusterSettings cluster,
        int metricsPort) {

    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;
    public static final int DEFAULT_SLOW_CLIENT_BYTES = 4 * 1024 * 1024;
    public static final int DEFAULT_RECONNECT_WINDOW_SECONDS = 60;

    public ServerConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(primaryKey, "primaryKey");
        if (port < 0 || port > 65535) {
            throw new ConfigException("port must be between 0 and 65535, was " + port);
        }
        if (primaryKey.isEmpty()) {
            throw new ConfigException("accessKey must not be empty");
        }
        if (secondaryKey != null && secondaryKey.isEmpty()) {
            secondaryKey = null;
        }
        if (maxMessageBytes < 1024) {
            throw new ConfigException("maxMessageSize must be at least 1024 bytes, was " + maxMessageBytes);
        }
        if (slowClientBytes < maxMessageBytes) {
            throw new ConfigException("slowClientBufferSize must be at least maxMessageSize");
        }
        if (ioThreads < 0) {
            throw new ConfigException("ioThreads must not be negative");
        }
        if (publicEndpoint != null) {
            publicEndpoint = validateEndpoint(publicEndpoint);
        }
        hubs = Map.copyOf(hubs);
        Objects.requireNonNull(defaultHub, "defaultHub");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(cluster, "cluster");
        if (metricsPort < -1 || metricsPort > 65535) {
            throw new ConfigException("metricsPort must be between 0 and 65535 (or absent), was " + metricsPort);
        }
        if (reconnectWindowSeconds < 1 || reconnectWindowSeconds > 3600) {
            throw new ConfigException("reconnectWindowSeconds must be between 1 and 3600, was "
                    + reconnectWindowSeconds);
        }
    }

    /**
     * The event loops to run: {@code ioThreads}, or one per available core. Not Netty's own default of two per core:
     * nothing blocks on these loops, and two loops sharing a core interleave their fan-outs, so a broadcast waits
     * for both (at 10,000 connections on one core, p99 0.6–0.9 s instead of 0.27 s at 16 broadcasts/s).
     */
    public int eventLoops() {
        return ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors();
    }

    /** Settings of a hub, by its lower-cased name. */
    public HubSettings hub(String normalizedHub) {
        return hubs.getOrDefault(normalizedHub, defaultHub);
    }

    private static URI validateEndpoint(URI endpoint) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        String authority = endpoint.getRawAuthority();
        if (!scheme.equals("http") && !scheme.equals("https") || authority == null || authority.isEmpty()) {
            throw new ConfigException("publicEndpoint must look like http(s)://host[:port], was " + endpoint);
        }
        String path = endpoint.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new ConfigException("publicEndpoint must not have a path, was " + endpoint);
        }
        return URI.create(scheme + "://" + endpoint.getRawAuthority());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder used by the CLI and the YAML loader; {@link #build()} validates. */
    public static final class Builder {
        private String bindHost = "0.0.0.0";
        private int port = DEFAULT_PORT;
        private String primaryKey;
        private String secondaryKey;
        private URI publicEndpoint;
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private int slowClientBytes = DEFAULT_SLOW_CLIENT_BYTES;
        private int ioThreads;
        private Map<String, HubSettings> hubs = Map.of();
        private HubSettings defaultHub = HubSettings.DEFAULTS;
        private UpstreamSettings upstream = UpstreamSettings.DEFAULTS;
        private int reconnectWindowSeconds = DEFAULT_RECONNECT_WINDOW_SECONDS;
        private ClusterSettings cluster = ClusterSettings.SINGLE_NODE;
        private int metricsPort = -1;

        public Builder bindHost(String v) { bindHost = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder primaryKey(String v) { primaryKey = v; return this; }
        public Builder secondaryKey(String v) { secondaryKey = v; return this; }
        public Builder publicEndpoint(URI v) { publicEndpoint = v; return this; }
        public Builder maxMessageBytes(int v) { maxMessageBytes = v; return this; }
        public Builder slowClientBytes(int v) { slowClientBytes = v; return this; }
        public Builder ioThreads(int v) { ioThreads = v; return this; }
        public Builder hubs(Map<String, HubSettings> v) { hubs = v; return this; }
        public Builder defaultHub(HubSettings v) { defaultHub = v; return this; }
        public Builder upstream(UpstreamSettings v) { upstream = v; return this; }
        public Builder reconnectWindowSeconds(int v) { reconnectWindowSeconds = v; return this; }
        public Builder cluster(ClusterSettings v) { cluster = v; return this; }
        public Builder metricsPort(int v) { metricsPort = v; return this; }

        public ClusterSettings cluster() { return cluster; }

        public HubSettings defaultHub() { return defaultHub; }

        public String primaryKey() { return primaryKey; }

        public ServerConfig build() {
            if (primaryKey == null) {
                throw new ConfigException("an access key is required");
            }
            return new ServerConfig(bindHost, port, primaryKey, secondaryKey, publicEndpoint, maxMessageBytes,
                    Math.max(slowClientBytes, maxMessageBytes), ioThreads, hubs, defaultHub, upstream, reconnectWindowSeconds,
                    cluster, metricsPort);
        }
    }
}
