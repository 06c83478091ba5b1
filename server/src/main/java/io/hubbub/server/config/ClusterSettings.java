package io.hubbub.server.config;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How this node finds the others: through the Redis at {@code redis} ({@code redis://[user:password@]host[:port][/db]}
 * or {@code rediss://} for TLS), among the nodes sharing {@code name}. No Redis: a single node.
 *
 * @param redis the Redis server the nodes share, or null for a single node
 * @param name the cluster's name, so that several clusters can share one Redis
 */
public record ClusterSettings(URI redis, String name) {

    // Before SINGLE_NODE: its constructor reads it.
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public static final String DEFAULT_NAME = "hubbub";
    public static final ClusterSettings SINGLE_NODE = new ClusterSettings(null, DEFAULT_NAME);

    public ClusterSettings {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new ConfigException("cluster name must be 1 to 64 letters, digits, '_', '.' or '-', was " + name);
        }
        if (redis != null) {
            String scheme = redis.getScheme() == null ? "" : redis.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("redis") && !scheme.equals("rediss") || redis.getHost() == null) {
                throw new ConfigException("redis must look like redis://host[:port] or rediss://host[:port], was "
                        + redis);
            }
        }
    }

    public boolean isClustered() {
        return redis != null;
    }
}
