package io.hubbub.chat.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatConfigLoaderTest {

    static final String CS = "Endpoint=http://localhost;Port=8080;AccessKey=" + ConnectionStringTest.KEY + ";";

    @TempDir
    Path dir;

    @Test
    void defaultsNeedOnlyAConnectionString() {
        ChatConfig c = ChatConfigLoader.load(new String[0], Map.of("HUBBUB_CHAT_CONNECTION_STRING", CS));
        assertThat(c.hub()).isEqualTo("chat");
        assertThat(c.port()).isEqualTo(3000);
        assertThat(c.databaseUrl()).isEqualTo("jdbc:sqlite:hubbub-data/chat.db");
        assertThat(c.allowedWebhookOrigins()).containsExactly("localhost");
        assertThat(c.adminApiKey()).isNull();
        assertThat(c.publicBaseUrl(3000)).isEqualTo(URI.create("http://localhost:3000"));
    }

    @Test
    void commandLineBeatsEnvironmentWhichBeatsTheFile() throws IOException {
        Path yaml = dir.resolve("chat.yaml");
        Files.writeString(yaml, """
                connectionString: "%s"
                hub: fromFile
                port: 3100
                databaseUrl: jdbc:postgresql://127.0.0.1:5432/chat
                allowedWebhookOrigins: [a.example, b.example]
                publicBaseUrl: https://chat.example.com/
                """.formatted(CS));
        ChatConfig c = ChatConfigLoader.load(new String[] {"--config", yaml.toString(), "--port=3300"},
                Map.of("HUBBUB_CHAT_PORT", "3200", "HUBBUB_CHAT_HUB", "fromEnv"));
        assertThat(c.port()).isEqualTo(3300);
        assertThat(c.hub()).isEqualTo("fromEnv");
        assertThat(c.databaseUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/chat");
        assertThat(c.allowedWebhookOrigins()).containsExactly("a.example", "b.example");
        assertThat(c.publicBaseUrl()).isEqualTo(URI.create("https://chat.example.com"));
        assertThat(c.isSqlite()).isFalse();
    }

    @Test
    void theSamplesVariableIsAccepted() {
        ChatConfig c = ChatConfigLoader.load(new String[] {"--admin-api-key", "0123456789abcdef"},
                Map.of("WebPubSubConnectionString", CS));
        assertThat(c.connectionString().endpoint()).hasToString("http://localhost:8080");
        assertThat(c.adminApiKey()).isEqualTo("0123456789abcdef");
    }

    @Test
    void mistakesAreReportedByName() throws IOException {
        Map<String, String> env = Map.of("HUBBUB_CHAT_CONNECTION_STRING", CS);
        assertThatThrownBy(() -> ChatConfigLoader.load(new String[] {"--prot", "1"}, env))
                .hasMessageContaining("unknown option --prot").hasMessageContaining("--port");
        assertThatThrownBy(() -> ChatConfigLoader.load(new String[] {"--port"}, env)).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> ChatConfigLoader.load(new String[] {"--port", "x"}, env))
                .hasMessageContaining("port must be a whole number");
        assertThatThrownBy(() -> ChatConfigLoader.load(new String[] {"--port", "70000"}, env))
                .hasMessageContaining("between 0 and 65535");
        assertThatThrownBy(() -> ChatConfigLoader.load(new String[] {"--database-url", "jdbc:mysql://x"}, env))
                .hasMessageContaining("jdbc:sqlite: or jdbc:postgresql:");
        assertThatThrownBy(() -> ChatConfigLoader.load(new String[] {"--cookie-secret", "short"}, env))
                .hasMessageContaining("cookieSecret");
        assertThatThrownBy(() -> ChatConfigLoader.load(new String[0], Map.of()))
                .hasMessageContaining("connectionString is required");
        Path yaml = dir.resolve("bad.yaml");
        Files.writeString(yaml, "hubb: x\n");
        assertThatThrownBy(() -> ChatConfigLoader.load(new String[] {"--config", yaml.toString()}, env))
                .hasMessageContaining("unknown setting 'hubb'");
        assertThatThrownBy(() -> ChatConfigLoader.load(new String[] {"--config", dir.resolve("none.yaml").toString()},
                env)).hasMessageContaining("cannot read config file");
    }

    @Test
    void namesConvertBetweenStyles() {
        assertThat(ChatConfigLoader.snake("publicBaseUrl")).isEqualTo("PUBLIC_BASE_URL");
        assertThat(ChatConfigLoader.kebab("publicBaseUrl")).isEqualTo("public-base-url");
        assertThat(ChatConfigLoader.camel("public-base-url")).isEqualTo("publicBaseUrl");
        assertThat(List.of(ChatConfigLoader.camel("port"))).containsExactly("port");
    }
}
