package io.hubbub.server.cluster;

import java.net.URI;

/** Makes {@link ClusterTransport}s for the URI schemes it knows ({@code redis}, {@code rediss}); a ServiceLoader SPI. */
public interface ClusterTransportProvider {

    /** Whether this provider serves {@code uri} (by its scheme). */
    boolean supports(URI uri);

    /** A transport to {@code uri}, its channels named after {@code clusterName}; not yet started. */
    ClusterTransport create(URI uri, String clusterName);
}
