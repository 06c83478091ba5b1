package io.hubbub.server.config;

/**
 * Per-hub settings, named after the cloud service's hub resource properties so users can carry them over.
 *
 * @param anonymousConnectPolicy whether clients without an access token may connect
 * @param keepAliveIntervalSeconds interval between WebSocket pings sent by the service (1..120)
 */
public record HubSettings(boolean anonymousConnectPolicy, int keepAliveIntervalSeconds) {

    public static final int DEFAULT_KEEP_ALIVE_SECONDS = 20;
    public static final HubSettings DEFAULTS = new HubSettings(false, DEFAULT_KEEP_ALIVE_SECONDS);

    public HubSettings {
        if (keepAliveIntervalSeconds < 1 || keepAliveIntervalSeconds > 120) {
            throw new ConfigException("webSocketKeepAliveIntervalInSeconds must be between 1 and 120, was "
                    + keepAliveIntervalSeconds);
        }
    }

    public boolean allowsAnonymous() {
        return anonymousConnectPolicy;
    }
}
