package io.hubbub.server.cli;

import io.hubbub.server.HubbubServer;
import io.hubbub.server.auth.AccessKeys;
import io.hubbub.server.config.ClusterSettings;
import io.hubbub.server.config.ConfigException;
import io.hubbub.server.config.ConfigLoader;
import io.hubbub.server.config.EventHandlerSettings;
import io.hubbub.server.config.HubSettings;
import io.hubbub.server.config.ServerConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hubbub serve}: runs one node. Settings come from the YAML file, then environment variables, then flags,
 * the later winning. Without an access key, one is generated and the ready connection string printed. The JVM's
 * heap options not given on the command line get {@link MemoryDefaults}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the service: REST API and client WebSockets on one port.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (see docs/configuration.md).")
    Path config;

    @Option(names = "--port", paramLabel = "PORT", description = "TCP port for REST and WebSockets "
            + "(env HUBBUB_PORT; default 8080).")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (env HUBBUB_BIND; "
            + "default 0.0.0.0).")
    String bind;

    @Option(names = "--access-key", paramLabel = "KEY", description = "Primary AccessKey (env HUBBUB_ACCESS_KEY). "
            + "Generated and printed when absent. Use at least 32 characters: shorter keys break the Java SDK.")
    String accessKey;

    @Option(names = "--secondary-access-key", paramLabel = "KEY", description = "Secondary AccessKey, also accepted "
            + "(env HUBBUB_SECONDARY_ACCESS_KEY); for key rotation.")
    String secondaryKey;

    @Option(names = "--public-endpoint", paramLabel = "URL", description = "http(s)://host[:port] clients and app "
            + "servers use to reach this node, e.g. behind a proxy (env HUBBUB_PUBLIC_ENDPOINT).")
    String publicEndpoint;

    @Option(names = "--max-message-size", paramLabel = "BYTES", description = "Largest message accepted "
            + "(default 1048576).")
    Integer maxMessageSize;

    @Option(names = "--io-threads", paramLabel = "N", description = "Event loop threads (default: one per core).")
    Integer ioThreads;

    @Option(names = "--event-handler", paramLabel = "URL_TEMPLATE", description = "Event handler for hubs not "
            + "configured otherwise: every user event and system event goes to this URL ({hub} and {event} "
            + "placeholders allowed). Repeatable; the first matching handler wins.")
    java.util.List<String> eventHandlers = new java.util.ArrayList<>();

    @Option(names = "--redis", paramLabel = "URI", description = "Run as one node of a cluster whose nodes share "
            + "this Redis: redis://[user:password@]host[:port][/db], or rediss:// for TLS (env HUBBUB_REDIS).")
    String redis;

    @Option(names = "--cluster-name", paramLabel = "NAME", description = "Name of the cluster, so that several "
            + "can share one Redis (default hubbub).")
    String clusterName;

    @Option(names = "--metrics-port", paramLabel = "PORT", description = "Serve Prometheus metrics at "
            + "GET /metrics on this port of the bind address (default: not served).")
    Integer metricsPort;

    @Option(names = "--allow-anonymous", description = "Let clients without a token connect to hubs not "
            + "configured otherwise.")
    boolean allowAnonymous;

    @Override
    public Integer call() throws Exception {
        ServerConfig serverConfig;
        boolean generatedKey = false;
        try {
            ServerConfig.Builder builder = ServerConfig.builder();
            if (config != null) {
                if (!Files.isReadable(config)) {
                    throw new ConfigException("config file " + config + " does not exist or is not readable");
                }
                ConfigLoader.load(config, builder);
            }
            applyEnvironmentAndFlags(builder);
            if (builder.primaryKey() == null && builder.cluster().isClustered()) {
                throw new ConfigException("every node of a cluster needs the same access key: pass --access-key "
                        + "(or HUBBUB_ACCESS_KEY, or accessKey in the config file)");
            }
            if (builder.primaryKey() == null) {
                builder.primaryKey(AccessKeys.generate());
                generatedKey = true;
            }
            serverConfig = builder.build();
        } catch (ConfigException e) {
            System.err.println("hubbub: invalid configuration: " + e.getMessage());
            return 1;
        }
        if (AccessKeys.isShort(serverConfig.primaryKey())) {
            System.err.println("hubbub: warning: the access key is shorter than 32 bytes; the Java SDK then sends "
                    + "requests without authorization. Use a longer key.");
        }
        MemoryDefaults.apply();
        HubbubServer server;
        try {
            server = new HubbubServer(serverConfig);
        } catch (ConfigException e) {
            System.err.println("hubbub: invalid configuration: " + e.getMessage());
            return 1;
        }
        try {
            server.start();
        } catch (Exception e) {
            System.err.println("hubbub: cannot start on " + serverConfig.bindHost() + ":" + serverConfig.port()
                    + (serverConfig.cluster().isClustered() ? " with the cluster's Redis at "
                            + serverConfig.cluster().redis().getHost() + ":" + serverConfig.cluster().redis().getPort() : "")
                    + ": " + (e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e));
            server.close();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "hubbub-shutdown"));
        System.out.println("Hubbub is ready on port " + server.port() + (generatedKey ? " (generated access key)" : ""));
        System.out.println("Connection string: " + connectionString(serverConfig, server.port()));
        stopped.await();
        return 0;
    }

    private void applyEnvironmentAndFlags(ServerConfig.Builder builder) {
        String envPort = System.getenv("HUBBUB_PORT");
        if (envPort != null) {
            try {
                builder.port(Integer.parseInt(envPort.trim()));
            } catch (NumberFormatException e) {
                throw new ConfigException("HUBBUB_PORT must be a number, was " + envPort);
            }
        }
        envOr("HUBBUB_BIND", builder::bindHost);
        envOr("HUBBUB_ACCESS_KEY", builder::primaryKey);
        envOr("HUBBUB_SECONDARY_ACCESS_KEY", builder::secondaryKey);
        envOr("HUBBUB_PUBLIC_ENDPOINT", v -> builder.publicEndpoint(endpoint(v)));
        if (port != null) builder.port(port);
        if (bind != null) builder.bindHost(bind);
        if (accessKey != null) builder.primaryKey(accessKey);
        if (secondaryKey != null) builder.secondaryKey(secondaryKey);
        if (publicEndpoint != null) builder.publicEndpoint(endpoint(publicEndpoint));
        if (maxMessageSize != null) builder.maxMessageBytes(maxMessageSize);
        if (ioThreads != null) builder.ioThreads(ioThreads);
        if (metricsPort != null) builder.metricsPort(metricsPort);
        String redisUri = redis != null ? redis : System.getenv("HUBBUB_REDIS");
        if (redisUri != null || clusterName != null) {
            ClusterSettings c = builder.cluster();
            builder.cluster(new ClusterSettings(
                    redisUri != null ? ConfigLoader.uri(redisUri.trim(), "--redis") : c.redis(),
                    clusterName != null ? clusterName : c.name()));
        }
        if (allowAnonymous || !eventHandlers.isEmpty()) {
            HubSettings d = builder.defaultHub();
            java.util.List<EventHandlerSettings> handlers = new java.util.ArrayList<>(d.eventHandlers());
            for (String url : eventHandlers) {
                handlers.add(new EventHandlerSettings(url, "*", EventHandlerSettings.SYSTEM_EVENTS, null, null));
            }
            builder.defaultHub(new HubSettings(allowAnonymous || d.allowsAnonymous(), d.keepAliveIntervalSeconds(),
                    handlers));
        }
    }

    private static void envOr(String name, java.util.function.Consumer<String> setter) {
        String value = System.getenv(name);
        if (value != null && !value.isEmpty()) {
            setter.accept(value);
        }
    }

    private static URI endpoint(String value) {
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("public endpoint is not a valid URL: " + value);
        }
    }

    public static String connectionString(ServerConfig config, int port) {
        URI endpoint = config.publicEndpoint();
        String base = endpoint != null
                ? "Endpoint=" + endpoint + ";"
                : "Endpoint=http://localhost;Port=" + port + ";";
        return base + "AccessKey=" + config.primaryKey() + ";Version=1.0;";
    }
}
