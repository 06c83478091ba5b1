package io.hubbub.server.config;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One upstream event handler of a hub, with the cloud service's property names.
 *
 * @param urlTemplate URL with optional {@code {hub}} and {@code {event}} placeholders (not in the host); query kept
 * @param userEventPattern {@code *}, a comma-separated list of event names, one name, or null for no user events
 * @param systemEvents the subset of {@code connect}, {@code connected}, {@code disconnected} sent to this handler
 * @param authHeaderName header added to every request (e.g. {@code Authorization}), or null
 * @param authHeaderValue its value (e.g. {@code Bearer <secret>}), or null
 */
public record EventHandlerSettings(String urlTemplate, String userEventPattern, Set<String> systemEvents,
        String authHeaderName, String authHeaderValue) {

    public static final Set<String> SYSTEM_EVENTS = Set.of("connect", "connected", "disconnected");

    public EventHandlerSettings {
        if (urlTemplate == null || urlTemplate.isBlank()) {
            throw new ConfigException("urlTemplate is required");
        }
        if (urlTemplate.contains("{@Microsoft.KeyVault")) {
            throw new ConfigException("urlTemplate: Key Vault references are a cloud-only feature; put the secret "
                    + "in the URL or in auth instead");
        }
        URI probe;
        try {
            probe = URI.create(urlTemplate.replace("{hub}", "hub").replace("{event}", "event"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("urlTemplate is not a valid URL: " + urlTemplate);
        }
        String scheme = probe.getScheme() == null ? "" : probe.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || probe.getHost() == null) {
            throw new ConfigException("urlTemplate must be an http(s) URL with a host, was " + urlTemplate);
        }
        String authority = urlTemplate.substring(urlTemplate.indexOf("//") + 2);
        int slash = authority.indexOf('/');
        if ((slash >= 0 ? authority.substring(0, slash) : authority).contains("{")) {
            throw new ConfigException("urlTemplate must not have placeholders in its host: " + urlTemplate);
        }
        systemEvents = Set.copyOf(systemEvents);
        for (String e : systemEvents) {
            if (!SYSTEM_EVENTS.contains(e)) {
                throw new ConfigException("systemEvents: unknown event '" + e + "' (known: connect, connected, "
                        + "disconnected)");
            }
        }
        if (userEventPattern != null && userEventPattern.isBlank()) {
            userEventPattern = null;
        }
        if ((authHeaderName == null) != (authHeaderValue == null)) {
            throw new ConfigException("auth needs both a header name and a value");
        }
    }

    /** True if this handler takes user event {@code event}. */
    public boolean handlesUserEvent(String event) {
        if (userEventPattern == null) {
            return false;
        }
        if (userEventPattern.trim().equals("*")) {
            return true;
        }
        List<String> names = Arrays.stream(userEventPattern.split(",")).map(String::trim).toList();
        return names.contains(event);
    }

    public boolean handlesSystemEvent(String event) {
        return systemEvents.contains(event);
    }
}
