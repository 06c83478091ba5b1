package io.hubbub.server.config;

import java.time.Duration;

/**
 * Limits of calls to event handlers.
 *
 * @param blockingTimeout how long a connect or user event may take (keeps an event ack inside the Java client's
 *     30-second wait)
 * @param nonBlockingTimeout how long one attempt of connected/disconnected may take
 * @param retries attempts after the first for non-blocking events on network errors, 408, 429 and 5xx
 * @param maxResponseBytes largest handler response body read
 * @param maxConcurrentRequests upstream requests in flight at once, node-wide
 */
public record UpstreamSettings(Duration blockingTimeout, Duration nonBlockingTimeout, int retries,
        int maxResponseBytes, int maxConcurrentRequests) {

    public static final UpstreamSettings DEFAULTS = new UpstreamSettings(Duration.ofSeconds(20),
            Duration.ofSeconds(10), 3, 1024 * 1024, 1024);

    public UpstreamSettings {
        if (blockingTimeout.isNegative() || blockingTimeout.isZero()) {
            throw new ConfigException("upstream.timeoutSeconds must be positive");
        }
        if (nonBlockingTimeout.isNegative() || nonBlockingTimeout.isZero()) {
            throw new ConfigException("upstream.nonBlockingTimeoutSeconds must be positive");
        }
        if (retries < 0 || retries > 10) {
            throw new ConfigException("upstream.retries must be between 0 and 10");
        }
        if (maxResponseBytes < 1024) {
            throw new ConfigException("upstream.maxResponseSize must be at least 1024 bytes");
        }
        if (maxConcurrentRequests < 1) {
            throw new ConfigException("upstream.maxConcurrentRequests must be at least 1");
        }
    }
}
