package io.hubbub.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hubbub demo}: service and chat app come up wired together, with the chat history in the data folder. */
class DemoCommandIT {

    @TempDir
    Path dataDir;

    @Test
    void startsTheServiceAndTheChatAppWiredTogether() throws Exception {
        int servicePort = freePort();
        int chatPort = freePort();
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs("--port", Integer.toString(servicePort), "--chat-port",
                Integer.toString(chatPort), "--bind", "127.0.0.1", "--data-dir", dataDir.toString());
        HttpClient http = HttpClient.newHttpClient();
        try (DemoCommand.Running running = demo.start()) {
            assertThat(running.connectionString()).contains("Port=" + servicePort).contains("AccessKey=");
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + chatPort + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).containsIgnoringCase("<html");
            HttpResponse<Void> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + servicePort + "/api/health"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(health.statusCode()).isEqualTo(200);
            // The chat hub's event handler is the chat app: its abuse-protection endpoint answers the service.
            HttpResponse<Void> validation = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + chatPort + "/api/pubsub/events"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("WebHook-Request-Origin", "localhost").header("ce-awpsversion", "1.0").build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(validation.statusCode()).isEqualTo(200);
            assertThat(validation.headers().allValues("WebHook-Allowed-Origin")).isNotEmpty();
            assertThat(Files.exists(dataDir.resolve("chat.db"))).isTrue();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
