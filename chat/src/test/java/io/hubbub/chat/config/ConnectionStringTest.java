package io.hubbub.chat.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConnectionStringTest {

    static final String KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefgh";

    @Test
    void portKeyOverridesTheEndpointAndKeysAreCaseInsensitive() {
        ConnectionString cs = ConnectionString.parse("endpoint=http://LocalHost;port=8080;accesskey=" + KEY
                + ";Version=1.0;");
        assertThat(cs.endpoint()).hasToString("http://LocalHost:8080");
        assertThat(cs.host()).isEqualTo("LocalHost");
        assertThat(cs.accessKey()).isEqualTo(KEY);
        assertThat(ConnectionString.parse("Endpoint=https://x.webpubsub.azure.com;AccessKey=" + KEY).endpoint())
                .hasToString("https://x.webpubsub.azure.com");
        assertThat(cs.toString()).doesNotContain(KEY);
    }

    @Test
    void keysShorterThan32CharactersAreRefusedBecauseTheJavaSdkWouldNotSign() {
        assertThatThrownBy(() -> ConnectionString.parse("Endpoint=http://localhost;AccessKey=short"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at least 32");
    }

    @Test
    void missingOrMalformedPartsAreNamed() {
        assertThatThrownBy(() -> ConnectionString.parse("")).hasMessageContaining("connectionString is required");
        assertThatThrownBy(() -> ConnectionString.parse("AccessKey=" + KEY)).hasMessageContaining("Endpoint");
        assertThatThrownBy(() -> ConnectionString.parse("Endpoint=http://h")).hasMessageContaining("AccessKey");
        assertThatThrownBy(() -> ConnectionString.parse("Endpoint=ftp://h;AccessKey=" + KEY))
                .hasMessageContaining("http(s)://host");
        assertThatThrownBy(() -> ConnectionString.parse("Endpoint=http://h;Port=x;AccessKey=" + KEY))
                .hasMessageContaining("Port");
    }
}
