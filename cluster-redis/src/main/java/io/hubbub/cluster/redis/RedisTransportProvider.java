package io.hubbub.cluster.redis;

import io.hubbub.server.cluster.ClusterTransport;
import io.hubbub.server.cluster.ClusterTransportProvider;
import java.net.URI;
import java.util.Locale;

/** Serves {@code redis://} and {@code rediss://} cluster URIs. */
public final class RedisTransportProvider implements ClusterTransportProvider {

    @Override
    public boolean supports(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("redis") || scheme.equals("rediss");
    }

    @Override
    public ClusterTransport create(URI uri, String clusterName) {
        return new RedisTransport(uri, clusterName);
    }
}
