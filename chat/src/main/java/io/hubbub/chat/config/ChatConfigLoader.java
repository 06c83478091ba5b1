package io.hubbub.chat.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Reads {@link ChatConfig} from, in rising precedence: defaults, a YAML file ({@code --config <file>} or
 * {@code HUBBUB_CHAT_CONFIG}), environment variables ({@code HUBBUB_CHAT_<SETTING>}), and command-line flags
 * ({@code --<setting> <value>} or {@code --<setting>=<value>}). Setting names are camelCase in YAML,
 * UPPER_SNAKE in the environment and kebab-case on the command line. Unknown names fail, so typos are not ignored.
 */
public final class ChatConfigLoader {

    static final String ENV_PREFIX = "HUBBUB_CHAT_";
    /** The variable Microsoft's Web PubSub samples use; taken when HUBBUB_CHAT_CONNECTION_STRING is not set. */
    static final String SAMPLES_ENV = "WebPubSubConnectionString";

    private static final Map<String, BiConsumer<ChatConfig.Builder, String>> SETTINGS = Map.ofEntries(
            Map.entry("connectionString", ChatConfig.Builder::connectionString),
            Map.entry("hub", ChatConfig.Builder::hub),
            Map.entry("databaseUrl", ChatConfig.Builder::databaseUrl),
            Map.entry("databaseUser", ChatConfig.Builder::databaseUser),
            Map.entry("databasePassword", ChatConfig.Builder::databasePassword),
            Map.entry("host", ChatConfig.Builder::bindHost),
            Map.entry("port", (b, v) -> b.port(integer("port", v))),
            Map.entry("publicBaseUrl", (b, v) -> b.publicBaseUrl(uri("publicBaseUrl", v))),
            Map.entry("adminApiKey", ChatConfig.Builder::adminApiKey),
            Map.entry("cookieSecret", ChatConfig.Builder::cookieSecret),
            Map.entry("allowedWebhookOrigins", (b, v) -> b.allowedWebhookOrigins(
                    Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())),
            Map.entry("messagesPerMinute", (b, v) -> b.messagesPerMinute(integer("messagesPerMinute", v))),
            Map.entry("messageBurst", (b, v) -> b.messageBurst(integer("messageBurst", v))));

    private ChatConfigLoader() {
    }

    public static ChatConfig load(String[] args, Map<String, String> env) {
        Map<String, String> cli = parseArgs(args);
        String file = cli.remove("config");
        if (file == null) {
            file = env.get(ENV_PREFIX + "CONFIG");
        }
        Map<String, String> values = new HashMap<>();
        if (file != null) {
            values.putAll(readYaml(Path.of(file)));
        }
        String samples = env.get(SAMPLES_ENV);
        if (samples != null && !samples.isBlank()) {
            values.put("connectionString", samples);
        }
        for (String name : SETTINGS.keySet()) {
            String v = env.get(ENV_PREFIX + snake(name));
            if (v != null) {
                values.put(name, v);
            }
        }
        values.putAll(cli);
        ChatConfig.Builder builder = ChatConfig.builder();
        values.forEach((name, value) -> SETTINGS.get(name).accept(builder, value));
        return builder.build();
    }

    static Map<String, String> parseArgs(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new ConfigException("unexpected argument '" + arg + "'; settings look like --port 3000");
            }
            String flag = arg.substring(2);
            String value;
            int eq = flag.indexOf('=');
            if (eq >= 0) {
                value = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new ConfigException("--" + flag + " needs a value");
            }
            String name = camel(flag);
            if (!name.equals("config") && !SETTINGS.containsKey(name)) {
                throw new ConfigException("unknown option --" + flag + "; known: --config, " + known("--", true));
            }
            out.put(name, value);
        }
        return out;
    }

    private static Map<String, String> readYaml(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new HashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return out;
        }
        if (!root.isObject()) {
            throw new ConfigException(file + " must hold a YAML mapping of settings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!SETTINGS.containsKey(e.getKey())) {
                throw new ConfigException(file + ": unknown setting '" + e.getKey() + "'; known: " + known("", false));
            }
            JsonNode v = e.getValue();
            if (v.isArray()) {
                StringBuilder joined = new StringBuilder();
                v.forEach(item -> joined.append(joined.length() == 0 ? "" : ",").append(item.asText()));
                out.put(e.getKey(), joined.toString());
            } else if (!v.isNull()) {
                out.put(e.getKey(), v.asText());
            }
        }
        return out;
    }

    private static String known(String prefix, boolean kebab) {
        List<String> names = SETTINGS.keySet().stream().sorted().map(n -> prefix + (kebab ? kebab(n) : n)).toList();
        return String.join(", ", names);
    }

    static String snake(String camel) {
        return camel.replaceAll("([A-Z])", "_$1").toUpperCase(Locale.ROOT);
    }

    static String kebab(String camel) {
        return camel.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    static String camel(String kebab) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, was '" + value + "'");
        }
    }

    private static URI uri(String name, String value) {
        try {
            return URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name + " is not a URL: " + value);
        }
    }
}
