package io.hubbub.server.config;

import java.util.List;

/**
 * Per-hub settings, named after the cloud service's hub resource properties so users can carry them over.
 *
 * @param anonymousConnectPolicy whether clients without an access token may connect
 * @param keepAliveIntervalSeconds interval between WebSocket pings sent by the service (1..120)
 * @param eventHandlers upstream handlers, tried in order; the first that matches an event gets it
 */
public record HubSettings(boolean anonymousConnectPolicy, int keepAliveIntervalSeconds,
        List<EventHandlerSettings> eventHandlers) {

    public static final int DEFAULT_KEEP_ALIVE_SECONDS = 20;
    public static final HubSettings DEFAULTS = new HubSettings(false, DEFAULT_KEEP_ALIVE_SECONDS);

    public HubSettings {
        if (keepAliveIntervalSeconds < 1 || keepAliveIntervalSeconds > 120) {
            throw new ConfigException("webSocketKeepAliveIntervalInSeconds must be between 1 and 120, was "
                    + keepAliveIntervalSeconds);
        }
        eventHandlers = List.copyOf(eventHandlers);
    }

    public HubSettings(boolean anonymousConnectPolicy, int keepAliveIntervalSeconds) {
        this(anonymousConnectPolicy, keepAliveIntervalSeconds, List.of());
    }

    public boolean allowsAnonymous() {
        return anonymousConnectPolicy;
    }

    /** The first handler taking user event {@code event}, or null. */
    public EventHandlerSettings userEventHandler(String event) {
        for (EventHandlerSettings h : eventHandlers) {
            if (h.handlesUserEvent(event)) {
                return h;
            }
        }
        return null;
    }

    /** The first handler taking system event {@code event} (connect, connected, disconnected), or null. */
    public EventHandlerSettings systemEventHandler(String event) {
        for (EventHandlerSettings h : eventHandlers) {
            if (h.handlesSystemEvent(event)) {
                return h;
            }
        }
        return null;
    }
}
