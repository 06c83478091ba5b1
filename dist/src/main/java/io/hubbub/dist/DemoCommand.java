package io.hubbub.dist;

import io.hubbub.chat.ChatApp;
import io.hubbub.chat.config.ChatConfig;
import io.hubbub.server.HubbubServer;
import io.hubbub.server.auth.AccessKeys;
import io.hubbub.server.cli.ServeCommand;
import io.hubbub.server.config.EventHandlerSettings;
import io.hubbub.server.config.HubSettings;
import io.hubbub.server.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hubbub demo}: the service and the chat app in one process, wired to each other: the chat hub's event
 * handler points at the chat app, the chat app gets the service's connection string, and chat history goes to a
 * SQLite file. The chat app only talks to the service through the official SDK and webhooks, as it would to Azure.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the service and the chat app together on embedded defaults, then open the printed URL.")
final class DemoCommand implements Callable<Integer> {

    /** The user events the chat app handles. */
    static final String CHAT_EVENTS = "message,dm,typing";

    @Option(names = "--port", paramLabel = "PORT", description = "Service port (default 8080).")
    int port = 8080;

    @Option(names = "--chat-port", paramLabel = "PORT", description = "Chat app port (default 3000).")
    int chatPort = 3000;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the chat history lives (default hubbub-data).")
    Path dataDir = Path.of("hubbub-data");

    @Option(names = "--access-key", paramLabel = "KEY", description = "Service AccessKey (default: generated).")
    String accessKey;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address both listen on (default 0.0.0.0).")
    String bind = "0.0.0.0";

    /** The running pair; closing it stops the chat app, then the service. */
    record Running(HubbubServer service, ChatApp chat, String connectionString) implements AutoCloseable {
        @Override
        public void close() {
            chat.close();
            service.close();
        }
    }

    @Override
    public Integer call() throws Exception {
        Running running;
        try {
            running = start();
        } catch (RuntimeException e) {
            System.err.println("hubbub: the demo could not start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "hubbub-shutdown"));
        System.out.println("Service connection string: " + running.connectionString());
        System.out.println("Chat history: " + dataDir.resolve("chat.db").toAbsolutePath());
        System.out.println("Hubbub demo is ready: open " + running.chat().publicBaseUrl() + "/");
        stopped.await();
        return 0;
    }

    /** Starts the service, then the chat app pointed at it. */
    Running start() throws Exception {
        Files.createDirectories(dataDir);
        String key = accessKey != null ? accessKey : AccessKeys.generate();
        EventHandlerSettings chatHandler = new EventHandlerSettings(
                "http://localhost:" + chatPort + "/api/pubsub/events", CHAT_EVENTS,
                EventHandlerSettings.SYSTEM_EVENTS, null, null);
        ServerConfig serviceConfig = ServerConfig.builder()
                .bindHost(bind)
                .port(port)
                .primaryKey(key)
                .hubs(Map.of(ChatConfig.DEFAULT_HUB, new HubSettings(false, HubSettings.DEFAULT_KEEP_ALIVE_SECONDS,
                        List.of(chatHandler))))
                .build();
        HubbubServer service = new HubbubServer(serviceConfig).start();
        String connectionString = ServeCommand.connectionString(serviceConfig, service.port());
        try {
            ChatApp chat = ChatApp.start(ChatConfig.builder()
                    .connectionString(connectionString)
                    .bindHost(bind)
                    .port(chatPort)
                    .databaseUrl("jdbc:sqlite:" + dataDir.resolve("chat.db"))
                    .build());
            return new Running(service, chat, connectionString);
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
    }
}
