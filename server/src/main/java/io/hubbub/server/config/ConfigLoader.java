package io.hubbub.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hubbub.server.api.Names;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the YAML configuration file into a {@link ServerConfig.Builder}. Unknown keys and wrong types fail with a
 * message naming the key, so a typo never silently falls back to a default.
 */
public final class ConfigLoader {

    private static final Set<String> TOP_LEVEL = Set.of("bindHost", "port", "accessKey", "secondaryAccessKey",
            "publicEndpoint", "maxMessageSize", "slowClientBufferSize", "ioThreads", "hubs", "defaultHub", "upstream",
            "reconnectWindowSeconds", "cluster", "metricsPort");
    private static final Set<String> HUB_KEYS = Set.of("anonymousConnectPolicy", "webSocketKeepAliveIntervalInSeconds",
            "eventHandlers", "eventListeners");
    private static final Set<String> HANDLER_KEYS = Set.of("urlTemplate", "userEventPattern", "systemEvents", "auth");
    private static final Set<String> AUTH_KEYS = Set.of("type", "headerName", "headerValue");
    private static final Set<String> CLUSTER_KEYS = Set.of("redis", "name");
    private static final Set<String> UPSTREAM_KEYS = Set.of("timeoutSeconds", "nonBlockingTimeoutSeconds", "retries",
            "maxResponseSize", "maxConcurrentRequests");

    private ConfigLoader() {
    }

    /** Applies the file's settings onto {@code builder}; command-line flags are applied afterwards and win. */
    public static void load(Path file, ServerConfig.Builder builder) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        requireObject(root, "the config file");
        checkKeys(root, TOP_LEVEL, "");
        if (root.has("bindHost")) builder.bindHost(text(root, "bindHost"));
        if (root.has("port")) builder.port(integer(root, "port"));
        if (root.has("accessKey")) builder.primaryKey(text(root, "accessKey"));
        if (root.has("secondaryAccessKey")) builder.secondaryKey(text(root, "secondaryAccessKey"));
        if (root.has("publicEndpoint")) builder.publicEndpoint(uri(text(root, "publicEndpoint"), "publicEndpoint"));
        if (root.has("maxMessageSize")) builder.maxMessageBytes(integer(root, "maxMessageSize"));
        if (root.has("slowClientBufferSize")) builder.slowClientBytes(integer(root, "slowClientBufferSize"));
        if (root.has("ioThreads")) builder.ioThreads(integer(root, "ioThreads"));
        if (root.has("defaultHub")) builder.defaultHub(hubSettings(root.get("defaultHub"), "defaultHub"));
        if (root.has("hubs")) builder.hubs(hubs(root.get("hubs")));
        if (root.has("upstream")) builder.upstream(upstream(root.get("upstream")));
        if (root.has("reconnectWindowSeconds")) builder.reconnectWindowSeconds(integer(root, "reconnectWindowSeconds"));
        if (root.has("cluster")) builder.cluster(cluster(root.get("cluster")));
        if (root.has("metricsPort")) builder.metricsPort(integer(root, "metricsPort"));
    }

    private static ClusterSettings cluster(JsonNode node) {
        requireObject(node, "cluster");
        checkKeys(node, CLUSTER_KEYS, "cluster.");
        URI redis = node.has("redis") ? uri(text(node, "redis"), "cluster.redis") : null;
        String name = node.has("name") ? text(node, "name") : ClusterSettings.DEFAULT_NAME;
        return new ClusterSettings(redis, name);
    }

    private static UpstreamSettings upstream(JsonNode node) {
        requireObject(node, "upstream");
        checkKeys(node, UPSTREAM_KEYS, "upstream.");
        UpstreamSettings d = UpstreamSettings.DEFAULTS;
        return new UpstreamSettings(
                node.has("timeoutSeconds") ? Duration.ofSeconds(integer(node, "timeoutSeconds")) : d.blockingTimeout(),
                node.has("nonBlockingTimeoutSeconds")
                        ? Duration.ofSeconds(integer(node, "nonBlockingTimeoutSeconds")) : d.nonBlockingTimeout(),
                node.has("retries") ? integer(node, "retries") : d.retries(),
                node.has("maxResponseSize") ? integer(node, "maxResponseSize") : d.maxResponseBytes(),
                node.has("maxConcurrentRequests") ? integer(node, "maxConcurrentRequests") : d.maxConcurrentRequests());
    }

    private static List<EventHandlerSettings> eventHandlers(JsonNode node, String where) {
        if (!node.isArray()) {
            throw new ConfigException(where + " must be a list of handlers");
        }
        List<EventHandlerSettings> handlers = new ArrayList<>();
        int i = 0;
        for (JsonNode h : node) {
            String at = where + "[" + i++ + "]";
            requireObject(h, at);
            checkKeys(h, HANDLER_KEYS, at + ".");
            if (!h.has("urlTemplate")) {
                throw new ConfigException(at + ".urlTemplate is required");
            }
            Set<String> systemEvents = new LinkedHashSet<>();
            if (h.has("systemEvents")) {
                JsonNode events = h.get("systemEvents");
                if (!events.isArray()) {
                    throw new ConfigException(at + ".systemEvents must be a list");
                }
                events.forEach(e -> systemEvents.add(e.asText()));
            }
            String headerName = null;
            String headerValue = null;
            if (h.has("auth")) {
                JsonNode auth = h.get("auth");
                requireObject(auth, at + ".auth");
                checkKeys(auth, AUTH_KEYS, at + ".auth.");
                String type = auth.has("type") ? text(auth, "type").toLowerCase(Locale.ROOT) : "none";
                if (type.equals("header")) {
                    if (!auth.has("headerName") || !auth.has("headerValue")) {
                        throw new ConfigException(at + ".auth of type header needs headerName and headerValue");
                    }
                    headerName = text(auth, "headerName");
                    headerValue = text(auth, "headerValue");
                } else if (!type.equals("none")) {
                    throw new ConfigException(at + ".auth.type must be none or header, was " + type);
                }
            }
            try {
                handlers.add(new EventHandlerSettings(text(h, "urlTemplate"),
                        h.has("userEventPattern") ? text(h, "userEventPattern") : null, systemEvents, headerName,
                        headerValue));
            } catch (ConfigException e) {
                throw new ConfigException(at + ": " + e.getMessage());
            }
        }
        return handlers;
    }

    private static Map<String, HubSettings> hubs(JsonNode node) {
        requireObject(node, "hubs");
        Map<String, HubSettings> hubs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!Names.isValidHub(e.getKey())) {
                throw new ConfigException("hubs." + e.getKey() + ": invalid hub name (letters, digits and _`,.[] "
                        + "only, starting with a letter, at most 128 characters)");
            }
            hubs.put(e.getKey().toLowerCase(Locale.ROOT), hubSettings(e.getValue(), "hubs." + e.getKey()));
        }
        return hubs;
    }

    private static HubSettings hubSettings(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return HubSettings.DEFAULTS;
        }
        requireObject(node, where);
        checkKeys(node, HUB_KEYS, where + ".");
        boolean anonymous = false;
        if (node.has("anonymousConnectPolicy")) {
            String policy = text(node, "anonymousConnectPolicy").toLowerCase(Locale.ROOT);
            anonymous = switch (policy) {
                case "allow" -> true;
                case "deny" -> false;
                default -> throw new ConfigException(where + ".anonymousConnectPolicy must be allow or deny, was "
                        + policy);
            };
        }
        int keepAlive = node.has("webSocketKeepAliveIntervalInSeconds")
                ? integer(node, "webSocketKeepAliveIntervalInSeconds")
                : HubSettings.DEFAULT_KEEP_ALIVE_SECONDS;
        List<EventHandlerSettings> handlers = node.has("eventHandlers")
                ? eventHandlers(node.get("eventHandlers"), where + ".eventHandlers") : List.of();
        if (node.has("eventListeners") && !(node.get("eventListeners").isArray() && node.get("eventListeners").isEmpty())) {
            throw new ConfigException(where + ".eventListeners: Event Hubs listeners are not supported");
        }
        try {
            return new HubSettings(anonymous, keepAlive, handlers);
        } catch (ConfigException e) {
            throw new ConfigException(where + ": " + e.getMessage());
        }
    }

    private static void checkKeys(JsonNode node, Set<String> allowed, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new ConfigException("unknown setting '" + prefix + key + "' (known: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static void requireObject(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new ConfigException(where + " must be a mapping of settings");
        }
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (!v.isValueNode() || v.isNull()) {
            throw new ConfigException(key + " must be a single value");
        }
        return v.asText();
    }

    private static int integer(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v.isInt()) {
            return v.intValue();
        }
        if (v.isTextual()) {
            try {
                return Integer.parseInt(v.textValue().trim());
            } catch (NumberFormatException ignored) {
                // falls through to the error below
            }
        }
        throw new ConfigException(key + " must be an integer, was " + v);
    }

    public static URI uri(String value, String key) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new ConfigException(key + " is not a valid URL: " + value);
        }
    }
}
