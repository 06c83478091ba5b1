package io.hubbub.chat.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything the chat app needs, immutable and validated. Build with {@link #builder()}, or read YAML, environment and
 * command line with {@link ChatConfigLoader}.
 *
 * @param connectionString the Web PubSub connection string (Hubbub or Azure)
 * @param hub the hub the chat uses
 * @param databaseUrl JDBC URL: {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://...}
 * @param databaseUser database user, or null
 * @param databasePassword database password, or null
 * @param bindHost address the web server listens on
 * @param port web server port (0 = any free port)
 * @param publicBaseUrl how browsers and the service reach this app, e.g. {@code https://chat.example.com}; null = 
 *     {@code http://localhost:<port>}
 * @param adminApiKey key of the server-initiated endpoints; null disables them
 * @param cookieSecret secret signing the session cookie; null = a random one per start (sessions end on restart)
 * @param allowedWebhookOrigins hosts answered in abuse protection; empty = the connection string's host
 * @param messagesPerMinute sustained chat messages (room and direct) one user may send
 * @param messageBurst messages one user may send at once before the per-minute rate applies
 */
public record ChatConfig(
        ConnectionString connectionString,
        String hub,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        String bindHost,
        int port,
        URI publicBaseUrl,
        String adminApiKey,
        String cookieSecret,
        List<String> allowedWebhookOrigins,
        int messagesPerMinute,
        int messageBurst) {

    public static final String DEFAULT_HUB = "chat";
    public static final String DEFAULT_DATABASE_URL = "jdbc:sqlite:hubbub-data/chat.db";
    public static final int DEFAULT_PORT = 3000;
    public static final int MIN_SECRET_LENGTH = 16;

    public ChatConfig {
        Objects.requireNonNull(connectionString, "connectionString");
        if (hub == null || !hub.matches("[A-Za-z][A-Za-z0-9_`,.\\[\\]]{0,127}")) {
            throw new ConfigException("hub must start with a letter and hold letters, digits or _`,.[] "
                    + "(at most 128 characters), was " + hub);
        }
        if (databaseUrl == null || !(databaseUrl.startsWith("jdbc:sqlite:") || databaseUrl.startsWith("jdbc:postgresql:"))) {
            throw new ConfigException("databaseUrl must start with jdbc:sqlite: or jdbc:postgresql:, was " + databaseUrl);
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException("port must be between 0 and 65535, was " + port);
        }
        if (bindHost == null || bindHost.isBlank()) {
            throw new ConfigException("host must not be empty");
        }
        if (publicBaseUrl != null) {
            String scheme = publicBaseUrl.getScheme() == null ? "" : publicBaseUrl.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || publicBaseUrl.getHost() == null) {
                throw new ConfigException("publicBaseUrl must look like http(s)://host[:port], was " + publicBaseUrl);
            }
            String s = publicBaseUrl.toString();
            publicBaseUrl = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        }
        if (adminApiKey != null && adminApiKey.isBlank()) {
            adminApiKey = null;
        }
        if (adminApiKey != null && adminApiKey.length() < MIN_SECRET_LENGTH) {
            throw new ConfigException("adminApiKey must be at least " + MIN_SECRET_LENGTH + " characters");
        }
        if (cookieSecret != null && cookieSecret.isBlank()) {
            cookieSecret = null;
        }
        if (cookieSecret != null && cookieSecret.length() < MIN_SECRET_LENGTH) {
            throw new ConfigException("cookieSecret must be at least " + MIN_SECRET_LENGTH + " characters");
        }
        allowedWebhookOrigins = allowedWebhookOrigins == null || allowedWebhookOrigins.isEmpty()
                ? List.of(connectionString.host())
                : List.copyOf(allowedWebhookOrigins);
        if (messagesPerMinute < 1) {
            throw new ConfigException("messagesPerMinute must be at least 1, was " + messagesPerMinute);
        }
        if (messageBurst < 1) {
            throw new ConfigException("messageBurst must be at least 1, was " + messageBurst);
        }
    }

    /** The public base URL, or {@code http://localhost:<port>} for the port actually bound. */
    public URI publicBaseUrl(int boundPort) {
        return publicBaseUrl != null ? publicBaseUrl : URI.create("http://localhost:" + boundPort);
    }

    public boolean isSqlite() {
        return databaseUrl.startsWith("jdbc:sqlite:");
    }

    @Override
    public String toString() {
        return "ChatConfig[endpoint=" + connectionString.endpoint() + ", hub=" + hub + ", databaseUrl=" + databaseUrl
                + ", host=" + bindHost + ", port=" + port + ", publicBaseUrl=" + publicBaseUrl
                + ", adminApi=" + (adminApiKey == null ? "disabled" : "enabled") + "]";
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder with the defaults; {@link #build()} validates. */
    public static final class Builder {
        private String connectionString;
        private String hub = DEFAULT_HUB;
        private String databaseUrl = DEFAULT_DATABASE_URL;
        private String databaseUser;
        private String databasePassword;
        private String bindHost = "0.0.0.0";
        private int port = DEFAULT_PORT;
        private URI publicBaseUrl;
        private String adminApiKey;
        private String cookieSecret;
        private List<String> allowedWebhookOrigins = List.of();
        private int messagesPerMinute = 60;
        private int messageBurst = 20;

        public Builder connectionString(String v) { connectionString = v; return this; }
        public Builder hub(String v) { hub = v; return this; }
        public Builder databaseUrl(String v) { databaseUrl = v; return this; }
        public Builder databaseUser(String v) { databaseUser = v; return this; }
        public Builder databasePassword(String v) { databasePassword = v; return this; }
        public Builder bindHost(String v) { bindHost = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder publicBaseUrl(URI v) { publicBaseUrl = v; return this; }
        public Builder adminApiKey(String v) { adminApiKey = v; return this; }
        public Builder cookieSecret(String v) { cookieSecret = v; return this; }
        public Builder allowedWebhookOrigins(List<String> v) { allowedWebhookOrigins = v; return this; }
        public Builder messagesPerMinute(int v) { messagesPerMinute = v; return this; }
        public Builder messageBurst(int v) { messageBurst = v; return this; }

        public ChatConfig build() {
            return new ChatConfig(ConnectionString.parse(connectionString), hub, databaseUrl, databaseUser,
                    databasePassword, bindHost, port, publicBaseUrl, adminApiKey, cookieSecret, allowedWebhookOrigins,
                    messagesPerMinute, messageBurst);
        }
    }
}
