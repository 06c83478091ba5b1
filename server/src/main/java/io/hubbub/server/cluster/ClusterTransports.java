package io.hubbub.server.cluster;

import io.hubbub.server.config.ClusterSettings;
import io.hubbub.server.config.ConfigException;
import java.util.ServiceLoader;

/** Finds the {@link ClusterTransport} for a cluster's Redis URI among the providers on the class path. */
public final class ClusterTransports {

    private ClusterTransports() {
    }

    public static ClusterTransport create(ClusterSettings settings) {
        for (ClusterTransportProvider provider : ServiceLoader.load(ClusterTransportProvider.class)) {
            if (provider.supports(settings.redis())) {
                return provider.create(settings.redis(), settings.name());
            }
        }
        throw new ConfigException("no cluster transport for " + settings.redis().getScheme()
                + ":// on the class path (the hubbub-cluster-redis module provides redis:// and rediss://)");
    }
}
