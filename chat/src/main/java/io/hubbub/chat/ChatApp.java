package io.hubbub.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubbub.chat.config.ChatConfig;
import io.hubbub.chat.config.ChatConfigLoader;
import io.hubbub.chat.config.ConfigException;
import io.hubbub.chat.domain.AccountService;
import io.hubbub.chat.domain.HistoryService;
import io.hubbub.chat.domain.MessageService;
import io.hubbub.chat.domain.PresenceService;
import io.hubbub.chat.domain.PresenceTracker;
import io.hubbub.chat.domain.RateLimiter;
import io.hubbub.chat.domain.RoomService;
import io.hubbub.chat.domain.TypingService;
import io.hubbub.chat.domain.TypingThrottle;
import io.hubbub.chat.events.EventDispatcher;
import io.hubbub.chat.events.SignatureVerifier;
import io.hubbub.chat.events.WebhookRoutes;
import io.hubbub.chat.realtime.Realtime;
import io.hubbub.chat.realtime.WebPubSubRealtime;
import io.hubbub.chat.store.Database;
import io.hubbub.chat.store.Store;
import io.hubbub.chat.web.Access;
import io.hubbub.chat.web.ApiErrors;
import io.hubbub.chat.web.DirectRoutes;
import io.hubbub.chat.web.NegotiateRoute;
import io.hubbub.chat.web.RoomRoutes;
import io.hubbub.chat.web.SessionCookies;
import io.hubbub.chat.web.SessionRoutes;
import io.hubbub.chat.web.StaticPages;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the chat app: builds the store, the SDK client, the services and the web server with
 * plain constructors. {@link #start} is what the distribution's {@code demo} command calls next to the service;
 * {@link #main} runs the app on its own.
 */
public final class ChatApp implements AutoCloseable {

    static final long TYPING_INTERVAL_MILLIS = 2000;
    static final String STANDALONE_LOGGING = "io/hubbub/chat/logback-standalone.xml";

    private final ChatConfig config;
    private final Database database;
    private final Javalin web;

    private ChatApp(ChatConfig config, Database database, Javalin web) {
        this.config = config;
        this.database = database;
        this.web = web;
    }

    public static ChatApp start(ChatConfig config) {
        Database database = Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword());
        try {
            Javalin web = web(config, database).start(config.bindHost(), config.port());
            ChatApp app = new ChatApp(config, database, web);
            log().info("chat app on {} (hub '{}', service {}); event handler URL: {}", app.publicBaseUrl(),
                    config.hub(), config.connectionString().endpoint(), app.eventHandlerUrl());
            return app;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static Javalin web(ChatConfig config, Database database) {
        ObjectMapper json = Json.mapper();
        LongSupplier millis = System::currentTimeMillis;
        Store store = Store.on(database.jdbi());
        Realtime realtime = new WebPubSubRealtime(config.connectionString().raw(), config.hub(), json);
        PresenceTracker tracker = new PresenceTracker();
        RoomService rooms = new RoomService(store, realtime, tracker, millis);
        MessageService messages = new MessageService(store, realtime, rooms,
                new RateLimiter(config.messagesPerMinute(), config.messageBurst(), System::nanoTime), millis);
        HistoryService history = new HistoryService(store, rooms);
        AccountService accounts = new AccountService(store, realtime, rooms, millis);
        EventDispatcher dispatcher = new EventDispatcher(store.users(), new PresenceService(store, realtime, tracker),
                messages, new TypingService(rooms, realtime, new TypingThrottle(TYPING_INTERVAL_MILLIS, System::nanoTime)),
                json);

        String secret = config.cookieSecret();
        if (secret == null) {
            secret = randomSecret();
            log().warn("no cookieSecret configured: using a random one, so sign-ins end when the app restarts");
        }
        // the URL browsers use is only known for sure when configured; port 0 is resolved after start
        URI publicBase = config.publicBaseUrl(config.port());
        SessionCookies cookies = new SessionCookies(secret, "https".equals(publicBase.getScheme()),
                () -> System.currentTimeMillis() / 1000);
        Access access = new Access(cookies, config.adminApiKey(), publicBase);

        return Javalin.create(c -> {
            c.jsonMapper(new JavalinJackson(json, false));
            c.startup.showJavalinBanner = false;
            ApiErrors.install(c.routes);
            StaticPages.install(c);
            c.routes.get("/api/health", ctx -> ctx.json(Map.of("status", "ok")));
            new SessionRoutes(accounts, cookies, access, json).register(c.routes);
            new NegotiateRoute(accounts, access, json).register(c.routes);
            new RoomRoutes(rooms, history, messages, access, json).register(c.routes);
            new DirectRoutes(history, messages, access, json).register(c.routes);
            new WebhookRoutes(config.hub(), config.allowedWebhookOrigins(),
                    new SignatureVerifier(config.connectionString().accessKey()), dispatcher).register(c.routes);
        });
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The port the web server listens on (the chosen one when configured as 0). */
    public int port() {
        return web.port();
    }

    public URI publicBaseUrl() {
        return config.publicBaseUrl(port());
    }

    /** Where the hub's event handler must point: the {@code urlTemplate} to configure in the service. */
    public String eventHandlerUrl() {
        return publicBaseUrl() + WebhookRoutes.PATH;
    }

    @Override
    public void close() {
        web.stop();
        database.close();
    }

    // not a static field: main must choose the logging configuration before the first logger exists
    private static Logger log() {
        return LoggerFactory.getLogger(ChatApp.class);
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", STANDALONE_LOGGING);
        }
        ChatConfig config;
        try {
            config = ChatConfigLoader.load(args, System.getenv());
        } catch (ConfigException e) {
            System.err.println("hubbub-chat: " + e.getMessage());
            System.exit(2);
            return;
        }
        ChatApp app = start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "chat-shutdown"));
        System.out.println("Chat is running: open " + app.publicBaseUrl() + "/");
        System.out.println("Point the hub '" + config.hub() + "' event handler at " + app.eventHandlerUrl()
                + " (user events: message,dm,typing; system events: connect, connected, disconnected)");
    }
}
