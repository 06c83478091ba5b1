package io.hubbub.chat.it;

import io.hubbub.chat.ChatApp;
import io.hubbub.chat.config.ChatConfig;
import io.hubbub.server.config.EventHandlerSettings;
import io.hubbub.server.config.HubSettings;
import io.hubbub.testkit.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * An in-process Hubbub whose hub {@code chat} sends every event to an in-process chat app on SQLite, which talks back
 * through the official SDK: the whole loop of the product, with real CloudEvents and real WebSockets. Users get
 * unique names per test, so tests of one class share the pair without seeing each other's state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChatFixture {

    static final String ADMIN_KEY = "admin-key-for-tests-0123456789";
    static final String HUB = "chat";

    TestServer hubbub;
    ChatApp chat;
    String chatBase;
    Path dataDir;
    private final List<ChatUser> users = new ArrayList<>();

    /** Settings a test class may change (e.g. a small burst to reach the rate limit quickly). */
    ChatConfig.Builder configure(ChatConfig.Builder builder) {
        return builder;
    }

    @BeforeAll
    void startBoth() throws IOException {
        int chatPort = freePort();
        chatBase = "http://127.0.0.1:" + chatPort;
        EventHandlerSettings handler = new EventHandlerSettings(chatBase + "/api/pubsub/events", "message,dm,typing",
                EventHandlerSettings.SYSTEM_EVENTS, null, null);
        // the public endpoint makes Hubbub announce origin 127.0.0.1, the host of the connection string below,
        // which is what the chat app allows by default (without it Hubbub says "localhost")
        hubbub = TestServer.start(b -> b.publicEndpoint(URI.create("http://127.0.0.1"))
                .hubs(Map.of(HUB, new HubSettings(false, 20, List.of(handler)))));
        dataDir = Files.createTempDirectory("chat-it");
        chat = ChatApp.start(configure(ChatConfig.builder()
                .connectionString(hubbub.connectionString())
                .hub(HUB)
                .databaseUrl("jdbc:sqlite:" + dataDir.resolve("chat.db"))
                .bindHost("127.0.0.1")
                .port(chatPort)
                .adminApiKey(ADMIN_KEY)
                .cookieSecret("cookie-secret-for-tests-0123456789"))
                .build());
    }

    @AfterEach
    void closeUsers() {
        users.forEach(ChatUser::close);
        users.clear();
    }

    @AfterAll
    void stopBoth() throws IOException {
        if (chat != null) {
            chat.close();
        }
        if (hubbub != null) {
            hubbub.close();
        }
        if (dataDir != null) {
            try (var files = Files.walk(dataDir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A signed-in user with a unique name starting with {@code prefix}. */
    ChatUser user(String prefix) {
        ChatUser u = new ChatUser(prefix + "-" + UUID.randomUUID().toString().substring(0, 8), chatBase);
        users.add(u);
        return u;
    }

    /** Another browser tab (own socket) of the same user. */
    ChatUser tab(ChatUser of) {
        ChatUser u = new ChatUser(of.name, chatBase);
        users.add(u);
        return u;
    }

    ChatHttp admin() {
        return new ChatHttp(chatBase);
    }

    static String[] adminKey() {
        return new String[] {"X-Admin-Key", ADMIN_KEY};
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
