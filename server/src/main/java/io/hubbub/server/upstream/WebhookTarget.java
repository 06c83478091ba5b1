package io.hubbub.server.upstream;

import java.net.URI;
import java.util.Locale;

/**
 * Where a request to an event handler goes, parsed from its URL: the connection it needs, the {@code Host} header
 * (with the port only when it is not the scheme's default, as the JDK client sent it) and the request target.
 */
record WebhookTarget(Origin origin, String hostHeader, String pathAndQuery) {

    /** What a keep-alive connection serves; {@code host} without the brackets of an IPv6 literal. */
    record Origin(boolean tls, String host, int port) {
    }

    static WebhookTarget of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = scheme.equals("https");
        if (!tls && !scheme.equals("http") || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL with a host: " + uri);
        }
        int defaultPort = tls ? 443 : 80;
        int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
        String host = uri.getHost();
        String hostHeader = port == defaultPort ? host : host + ":" + port;
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return new WebhookTarget(new Origin(tls, bare, port), hostHeader, pathAndQuery(uri));
    }

    /** The raw path (or "/") and query; non-ASCII characters percent-encoded. */
    private static String pathAndQuery(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        for (int i = 0; i < target.length(); i++) {
            if (target.charAt(i) > 0x7e) {
                return pathAndQuery(URI.create(uri.toASCIIString()));
            }
        }
        return target;
    }
}
