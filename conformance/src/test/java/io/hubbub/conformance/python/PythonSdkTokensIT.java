package io.hubbub.conformance.python;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubbub.testkit.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Client tokens from the Python SDK, signed locally by {@code get_client_access_token} or issued by Hubbub's
 * {@code :generateToken}, connecting with their user, roles and groups (PROTOCOL.md §3.4–§3.6).
 */
class PythonSdkTokensIT extends PythonSdkFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void locallySignedTokenConnectsWithItsUserRolesAndGroups() {
        JsonNode token = token("user_id", "tok", "roles", List.of("webpubsub.sendToGroup.lobby"),
                "groups", List.of("lobby", "news"), "minutes_to_expire", 5);

        String base = "ws://127.0.0.1:" + server.port() + "/client/hubs/" + hub;
        assertThat(token.path("baseUrl").asText()).isEqualTo(base);
        assertThat(token.path("url").asText()).isEqualTo(base + "?access_token=" + token.path("token").asText());
        JsonNode claims = claims(token.path("token").asText());
        assertThat(claims.path("aud").asText()).isEqualTo("http://127.0.0.1:" + server.port() + "/client/hubs/" + hub);
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(300);
        assertThat(claims.path("sub").asText()).isEqualTo("tok");
        assertThat(claims.path("role").toString()).isEqualTo("[\"webpubsub.sendToGroup.lobby\"]");
        assertThat(claims.path("webpubsub.group").toString()).isEqualTo("[\"lobby\",\"news\"]");

        Client c = connect(token, JSON_PROTOCOL);
        assertThat(c.connected().path("userId").asText()).isEqualTo("tok");
        assertThat(sdkCheck("group_exists", "group", "news")).as("joined from the token").isTrue();
        sdk("send_to_group", "group", "lobby", "message", text("welcome"));
        assertThat(c.nextServerData().asText()).isEqualTo("welcome");

        c.ws().sendText("{\"type\":\"sendToGroup\",\"group\":\"lobby\",\"ackId\":0,"
                + "\"dataType\":\"text\",\"data\":\"me\"}");
        Map<String, JsonNode> byType = byType(c.next(), c.next());
        assertThat(byType.get("ack").path("ackId").asLong()).isZero();
        assertThat(byType.get("ack").path("success").asBoolean()).isTrue();
        assertThat(byType.get("message").path("from").asText()).isEqualTo("group");
        assertThat(byType.get("message").path("group").asText()).isEqualTo("lobby");
        assertThat(byType.get("message").path("fromUserId").asText()).isEqualTo("tok");

        c.ws().sendText("{\"type\":\"joinGroup\",\"group\":\"elsewhere\",\"ackId\":1}");
        assertThat(c.next().path("error").path("name").asText()).isEqualTo("Forbidden");
        c.ws().sendText("{\"type\":\"sendToGroup\",\"group\":\"news\",\"ackId\":2,"
                + "\"dataType\":\"text\",\"data\":\"x\"}");
        assertThat(c.next().path("error").path("name").asText()).as("a joined group is no send role")
                .isEqualTo("Forbidden");
    }

    @Test
    void tokenWithoutOptionsConnectsAnonymously() {
        JsonNode token = token();
        JsonNode claims = claims(token.path("token").asText());
        assertThat(claims.has("sub")).isFalse();
        assertThat(claims.has("role")).isFalse();
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).as("default 60 min").isEqualTo(3600);

        Client c = connect(token, JSON_PROTOCOL);
        assertThat(c.connected().has("userId")).as("no userId when anonymous: %s", c.connected()).isFalse();
        sdk("send_to_connection", "connection_id", c.id(), "message", text("hi anonymous"));
        assertThat(c.nextServerData().asText()).isEqualTo("hi anonymous");
    }

    @Test
    void simpleClientConnectsWithASdkToken() {
        Client c = connect(token("user_id", "plain", "groups", List.of("g")), null);
        assertThat(c.ws().subprotocol()).isEmpty();
        sdk("send_to_group", "group", "g", "message", text("to the simple client"));
        assertThat(c.ws().nextText()).isEqualTo("to the simple client");
    }

    @Test
    void generateTokenIssuesATokenThatConnectsWithItsUserRolesAndGroups() {
        // POST :generateToken (query userId, role, minutesToExpire, group; no clientType), which the SDK uses
        // instead of local signing when it holds an Entra ID credential
        JsonNode issued = sdk("generate_token", "user_id", "gen", "roles", List.of("webpubsub.joinLeaveGroup.room"),
                "group", List.of("g1", "g2"), "minutes_to_expire", 7);
        String token = issued.path("token").asText();
        JsonNode claims = claims(token);
        assertThat(claims.path("aud").asText().toLowerCase(Locale.ROOT)).endsWith("/client/hubs/" + hub);
        assertThat(claims.path("sub").asText()).isEqualTo("gen");
        assertThat(claims.path("role").toString()).isEqualTo("[\"webpubsub.joinLeaveGroup.room\"]");
        assertThat(claims.path("webpubsub.group").toString()).isEqualTo("[\"g1\",\"g2\"]");
        assertThat(claims.path("exp").asLong() - Instant.now().getEpochSecond()).isBetween(7 * 60L - 30, 7 * 60L + 5);

        String url = token("user_id", "ignored").path("baseUrl").asText() + "?access_token=" + token;
        Client c = connect(JSON.createObjectNode().put("url", url), JSON_PROTOCOL);
        assertThat(c.connected().path("userId").asText()).isEqualTo("gen");
        sdk("send_to_group", "group", "g2", "message", text("g2 member"));
        assertThat(c.nextServerData().asText()).isEqualTo("g2 member");
        c.ws().sendText("{\"type\":\"joinGroup\",\"group\":\"room\",\"ackId\":1}");
        assertThat(c.next().path("success").asBoolean()).isTrue();
    }

    @Test
    void mixedCaseHubIsOneHubForTokensAndRest() {
        hub = "PyMixed" + hub.substring(2).toUpperCase(Locale.ROOT);
        Client c = jsonClient("u"); // token aud and URL keep the hub's case
        sdk("send_to_all", "message", text("same hub"));
        assertThat(c.nextServerData().asText()).isEqualTo("same hub");

        hub = hub.toLowerCase(Locale.ROOT);
        assertThat(sdkCheck("connection_exists", "connection_id", c.id())).isTrue();
        sdk("send_to_connection", "connection_id", c.id(), "message", text("lower-case hub"));
        assertThat(c.nextServerData().asText()).isEqualTo("lower-case hub");
    }

    @Test
    void endpointIsLowerCasedForClientUrlsAndAudiences() {
        String shouting = "Endpoint=HTTP://LocalHost/;Port=" + server.port() + ";AccessKey=" + TestServer.ACCESS_KEY
                + ";Version=1.0;";
        PythonSdkDriver.ClientSettings other = new PythonSdkDriver.ClientSettings(shouting);
        PythonSdkDriver.Result token = callWith(other, "get_client_access_token", "user_id", "quiet");
        assertThat(token.ok()).as("%s", token).isTrue();
        String base = "://localhost:" + server.port() + "/client/hubs/" + hub;
        assertThat(token.value().path("baseUrl").asText()).isEqualTo("ws" + base);
        assertThat(claims(token.value().path("token").asText()).path("aud").asText()).isEqualTo("http" + base);

        Client c = connect(token.value(), JSON_PROTOCOL);
        PythonSdkDriver.Result sent = callWith(other, "send_to_connection", "connection_id", c.id(),
                "message", text("REST from HTTP://LocalHost"));
        assertThat(sent.ok()).as("%s", sent).isTrue();
        assertThat(c.nextServerData().asText()).isEqualTo("REST from HTTP://LocalHost");
    }

    private static Map<String, JsonNode> byType(JsonNode first, JsonNode second) {
        return Map.of(first.path("type").asText(), first, second.path("type").asText(), second);
    }

    private static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        assertThat(parts).as("a JWT: %s", jwt).hasSize(3);
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
