package io.hubbub.chat.config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of a Web PubSub connection string the app needs besides handing it to the SDK: the endpoint (its host is
 * the origin the service announces in webhooks) and the access key (it signs {@code ce-signature}). Parsed the way
 * the SDKs parse it: keys case-insensitive, {@code Port=} overrides the endpoint's port, unknown keys ignored.
 */
public record ConnectionString(String raw, URI endpoint, String accessKey) {

    /** Java SDK 1.4.0 silently sends unsigned requests with shorter keys (nimbus refuses keys under 256 bits). */
    public static final int MIN_KEY_LENGTH = 32;

    public static ConnectionString parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new ConfigException("connectionString is required, e.g. "
                    + "Endpoint=http://localhost;Port=8080;AccessKey=<key>;Version=1.0;");
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : raw.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
            }
        }
        String endpoint = parts.get("endpoint");
        String key = parts.get("accesskey");
        if (endpoint == null || endpoint.isEmpty()) {
            throw new ConfigException("connectionString has no Endpoint=");
        }
        if (key == null || key.isEmpty()) {
            throw new ConfigException("connectionString has no AccessKey= (Entra ID credentials are not supported by "
                    + "the chat app: it must verify webhook signatures with the key)");
        }
        if (key.length() < MIN_KEY_LENGTH) {
            throw new ConfigException("connectionString AccessKey must be at least " + MIN_KEY_LENGTH
                    + " characters: the Java SDK sends unsigned requests with shorter keys");
        }
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("connectionString Endpoint is not a URL: " + endpoint);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new ConfigException("connectionString Endpoint must look like http(s)://host, was " + endpoint);
        }
        int port = uri.getPort();
        String portPart = parts.get("port");
        if (portPart != null && !portPart.isEmpty()) {
            try {
                port = Integer.parseInt(portPart);
            } catch (NumberFormatException e) {
                throw new ConfigException("connectionString Port must be a number, was " + portPart);
            }
            if (port < 1 || port > 65535) {
                throw new ConfigException("connectionString Port must be between 1 and 65535, was " + port);
            }
        }
        URI normalized = URI.create(scheme + "://" + uri.getHost() + (port > 0 ? ":" + port : ""));
        return new ConnectionString(raw, normalized, key);
    }

    /** Host of the endpoint: what the service sends as {@code WebHook-Request-Origin}. */
    public String host() {
        return endpoint.getHost();
    }

    @Override
    public String toString() {
        return "ConnectionString[endpoint=" + endpoint + ", accessKey=<hidden>]";
    }
}
