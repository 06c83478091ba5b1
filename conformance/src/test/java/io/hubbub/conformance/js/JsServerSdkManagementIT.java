package io.hubbub.conformance.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.TestWebSocket;
import io.hubbub.testkit.TestWebSocket.CloseStatus;
import io.hubbub.testkit.WebSocketHandshakeFailure;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Closes, existence checks, permissions, client tokens and authentication through {@code @azure/web-pubsub} 1.2.0. */
class JsServerSdkManagementIT extends JsFixture {

    private static final Map<String, String> VIP = Map.of("targetName", "vip");

    @Test
    void closeConnectionSendsDisconnectedWithTheReason() {
        Peer c = peer("u");
        Peer bystander = peer("u");

        service.invoke("closeConnection", c.id(), Map.of("reason", "bye now"));

        JsonNode disconnected = c.next();
        assertThat(disconnected.path("type").asText()).isEqualTo("system");
        assertThat(disconnected.path("event").asText()).isEqualTo("disconnected");
        assertThat(disconnected.path("message").asText()).isEqualTo("bye now");
        CloseStatus status = c.ws().awaitClose();
        assertThat(status.code()).isEqualTo(1000);
        assertThat(status.reason()).isEqualTo("bye now");
        assertNothingBeforeMarker(bystander);
    }

    @Test
    void closeConnectionWithoutReasonStillSendsDisconnected() {
        Peer c = peer("u");
        service.invoke("closeConnection", c.id());
        JsonNode disconnected = c.next();
        assertThat(disconnected.path("event").asText()).isEqualTo("disconnected");
        assertThat(disconnected.has("message")).as("%s", disconnected).isTrue();
        c.ws().awaitClose();
    }

    @Test
    void closingAnUnknownConnectionSucceeds() {
        service.invoke("closeConnection", "no-such-id", Map.of("reason", "x"));
    }

    @Test
    void closeAllConnectionsClosesEveryoneWithTheReason() {
        Peer a = peer("a");
        Peer b = peer(null);

        service.invoke("closeAllConnections", Map.of("reason", "maintenance"));

        for (Peer p : List.of(a, b)) {
            JsonNode disconnected = p.next();
            assertThat(disconnected.path("event").asText()).isEqualTo("disconnected");
            assertThat(disconnected.path("message").asText()).isEqualTo("maintenance");
            assertThat(p.ws().awaitClose().reason()).isEqualTo("maintenance");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !service.check("connectionExists", a.id()));
    }

    @Test
    void closeAllConnectionsKeepsExcludedConnections() {
        // `excluded` is not in the typed options of 1.2.0 but is forwarded to the generated operation
        Peer stays = peer("a");
        Peer goes = peer("b");
        service.invoke("closeAllConnections", Map.of("reason", "r", "excluded", List.of(stays.id())));
        assertThat(goes.next().path("message").asText()).isEqualTo("r");
        goes.ws().awaitClose();
        assertThat(service.check("connectionExists", stays.id())).isTrue();
        assertNothingBeforeMarker(stays);
    }

    @Test
    void groupCloseAllConnectionsClosesMembersOnly() {
        Peer member = peer("a");
        Peer bystander = peer("c");
        service.group("doomed").invoke("addConnection", member.id());

        service.group("doomed").invoke("closeAllConnections", Map.of("reason", "group closed"));

        assertThat(member.next().path("message").asText()).isEqualTo("group closed");
        assertThat(member.ws().awaitClose().reason()).isEqualTo("group closed");
        assertThat(service.check("groupExists", "doomed")).isFalse();
        assertNothingBeforeMarker(bystander);
    }

    @Test
    void closeUserConnectionsClosesEveryConnectionOfThatUser() {
        String user = "victim a/b?c";
        Peer first = peer(user);
        Peer second = peer(user);
        Peer bystander = peer("victim");

        service.invoke("closeUserConnections", user, Map.of("reason", "banned"));

        for (Peer p : List.of(first, second)) {
            assertThat(p.next().path("message").asText()).isEqualTo("banned");
            p.ws().awaitClose();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !service.check("userExists", user));
        assertNothingBeforeMarker(bystander);
    }

    @Test
    void existenceChecksAnswerTrueAndFalse() {
        Peer c = peer("some one/x");
        service.group("g g").invoke("addConnection", c.id());

        assertThat(service.check("connectionExists", c.id())).isTrue();
        assertThat(service.check("connectionExists", "nope")).isFalse();
        assertThat(service.check("userExists", "some one/x")).isTrue();
        assertThat(service.check("userExists", "nobody")).isFalse();
        assertThat(service.check("groupExists", "g g")).isTrue();
        assertThat(service.check("groupExists", "other")).isFalse();

        c.ws().close();
        await().atMost(Duration.ofSeconds(5)).until(() -> !service.check("connectionExists", c.id()));
        assertThat(service.check("userExists", "some one/x")).isFalse();
        assertThat(service.check("groupExists", "g g")).isFalse();
    }

    @Test
    void grantRevokeAndHasPermissionChangeWhatAClientMayDo() {
        Peer c = peer("u");
        c.ws().sendText("{\"type\":\"joinGroup\",\"group\":\"vip\",\"ackId\":1}");
        assertThat(c.next().path("error").path("name").asText()).isEqualTo("Forbidden");
        assertThat(service.check("hasPermission", c.id(), "joinLeaveGroup", VIP)).isFalse();

        service.invoke("grantPermission", c.id(), "joinLeaveGroup", VIP);
        assertThat(service.check("hasPermission", c.id(), "joinLeaveGroup", VIP)).isTrue();
        assertThat(service.check("hasPermission", c.id(), "joinLeaveGroup", Map.of("targetName", "other")))
                .isFalse();
        c.ws().sendText("{\"type\":\"joinGroup\",\"group\":\"vip\",\"ackId\":2}");
        JsonNode joined = c.next();
        assertThat(joined.path("ackId").asInt()).isEqualTo(2);
        assertThat(joined.path("success").asBoolean()).as("%s", joined).isTrue();
        service.group("vip").invoke("sendToAll", "welcome", TEXT);
        assertThat(c.next().path("data").asText()).isEqualTo("welcome");

        service.invoke("revokePermission", c.id(), "joinLeaveGroup", VIP);
        assertThat(service.check("hasPermission", c.id(), "joinLeaveGroup", VIP)).isFalse();
        c.ws().sendText("{\"type\":\"leaveGroup\",\"group\":\"vip\",\"ackId\":3}");
        assertThat(c.next().path("error").path("name").asText()).isEqualTo("Forbidden");
    }

    @Test
    void sendToGroupPermissionWithoutTargetNameCoversEveryGroup() {
        Peer c = peer("u");
        assertThat(service.check("hasPermission", c.id(), "sendToGroup")).isFalse();
        c.ws().sendText("{\"type\":\"sendToGroup\",\"group\":\"any\",\"ackId\":1,\"dataType\":\"text\",\"data\":\"x\"}");
        assertThat(c.next().path("error").path("name").asText()).isEqualTo("Forbidden");

        service.invoke("grantPermission", c.id(), "sendToGroup");
        assertThat(service.check("hasPermission", c.id(), "sendToGroup")).isTrue();
        assertThat(service.check("hasPermission", c.id(), "sendToGroup", Map.of("targetName", "any"))).isTrue();
        c.ws().sendText("{\"type\":\"sendToGroup\",\"group\":\"any\",\"ackId\":2,\"dataType\":\"text\",\"data\":\"x\"}");
        JsonNode ack = c.next();
        assertThat(ack.path("ackId").asInt()).isEqualTo(2);
        assertThat(ack.path("success").asBoolean()).as("%s", ack).isTrue();

        service.invoke("revokePermission", c.id(), "sendToGroup");
        assertThat(service.check("hasPermission", c.id(), "sendToGroup")).isFalse();
    }

    @Test
    void grantingToAnUnknownConnectionIsNotFound() {
        assertThatThrownBy(() -> service.invoke("grantPermission", "no-such-id", "sendToGroup", VIP))
                .isInstanceOfSatisfying(JsError.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(service.check("hasPermission", "no-such-id", "sendToGroup", VIP)).isFalse();
        service.invoke("revokePermission", "no-such-id", "sendToGroup", VIP);
    }

    @Test
    void clientAccessTokenCarriesUserRolesAndGroups() {
        JsonNode token = service.invoke("getClientAccessToken", Map.of(
                "userId", "tok/en user",
                "roles", List.of("webpubsub.sendToGroup.lobby", "webpubsub.joinLeaveGroup.side"),
                "groups", List.of("lobby", "news"),
                "expirationTimeInMinutes", 5));
        String baseUrl = "ws://127.0.0.1:" + server.port() + "/client/hubs/" + hub;
        assertThat(token.path("baseUrl").asText()).isEqualTo(baseUrl);
        assertThat(token.path("url").asText()).isEqualTo(baseUrl + "?access_token=" + token.path("token").asText());

        Peer c = connectPeer(URI.create(token.path("url").asText()));
        assertThat(c.userId()).isEqualTo("tok/en user");
        assertThat(service.check("userExists", "tok/en user")).isTrue();

        service.group("lobby").invoke("sendToAll", "lobby", TEXT);
        assertThat(c.next().path("data").asText()).isEqualTo("lobby");
        service.group("news").invoke("sendToAll", "news", TEXT);
        assertThat(c.next().path("data").asText()).isEqualTo("news");

        c.ws().sendText("{\"type\":\"sendToGroup\",\"group\":\"lobby\",\"ackId\":1,\"noEcho\":true,"
                + "\"dataType\":\"text\",\"data\":\"me\"}");
        assertThat(c.next().path("success").asBoolean()).isTrue();
        c.ws().sendText("{\"type\":\"joinGroup\",\"group\":\"side\",\"ackId\":2}");
        assertThat(c.next().path("success").asBoolean()).isTrue();
        c.ws().sendText("{\"type\":\"joinGroup\",\"group\":\"elsewhere\",\"ackId\":3}");
        assertThat(c.next().path("error").path("name").asText()).isEqualTo("Forbidden");
        c.ws().sendText("{\"type\":\"sendToGroup\",\"group\":\"news\",\"ackId\":4,\"dataType\":\"text\",\"data\":\"x\"}");
        assertThat(c.next().path("error").path("name").asText()).isEqualTo("Forbidden");
    }

    @Test
    void clientAccessTokenWithoutOptionsConnectsAnonymously() {
        JsonNode token = service.invoke("getClientAccessToken");
        TestWebSocket ws = TestWebSocket.connect(URI.create(token.path("url").asText()), JSON_PROTOCOL);
        try (ws) {
            JsonNode connected = ws.nextJson();
            assertThat(connected.path("event").asText()).isEqualTo("connected");
            assertThat(connected.has("userId")).as("%s", connected).isFalse();
            assertThat(ws.subprotocol()).isEqualTo(JSON_PROTOCOL);
        }
    }

    @Test
    void wrongKeyIsUnauthorizedForRestAndForTheTokensItSigns() {
        String wrongKey = "WRONGWRONGWRONGWRONGWRONGWRONGWRONGWRONG1234";
        JsServiceClient wrong = service("Endpoint=http://127.0.0.1;Port=" + server.port()
                + ";AccessKey=" + wrongKey + ";Version=1.0;");

        assertThatThrownBy(() -> wrong.invoke("sendToAll", "x", TEXT))
                .isInstanceOfSatisfying(JsError.class, e -> {
                    assertThat(e.name()).isEqualTo("RestError");
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.code()).as("RestError.code, from the error body").startsWith("Error.");
                    assertThat(e.errorCodeHeader()).isEqualTo(e.code());
                });
        assertThatThrownBy(() -> wrong.check("connectionExists", "any"))
                .isInstanceOfSatisfying(JsError.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.errorCodeHeader()).as("x-ms-error-code on a HEAD").startsWith("Error.");
                });

        String url = wrong.invoke("getClientAccessToken", Map.of("userId", "u")).path("url").asText();
        assertThatThrownBy(() -> TestWebSocket.connect(URI.create(url), JSON_PROTOCOL))
                .isInstanceOfSatisfying(WebSocketHandshakeFailure.class,
                        e -> assertThat(e.statusCode()).isEqualTo(401));
    }

    @Test
    void secondaryKeyAndKeyCredentialWork() {
        Peer c = peer("u");
        JsServiceClient secondary = service("Endpoint=http://127.0.0.1:" + server.port()
                + ";AccessKey=" + TestServer.SECONDARY_KEY + ";Version=1.0;");
        secondary.invoke("sendToConnection", c.id(), "via secondary", TEXT);
        assertThat(c.next().path("data").asText()).isEqualTo("via secondary");
        Peer tokenFromSecondary = connectPeer(URI.create(
                secondary.invoke("getClientAccessToken", Map.of("userId", "s")).path("url").asText()));
        assertThat(tokenFromSecondary.userId()).isEqualTo("s");

        JsServiceClient keyCredential = serviceWithKeyCredential(TestServer.ACCESS_KEY);
        keyCredential.invoke("sendToConnection", c.id(), "via AzureKeyCredential", TEXT);
        assertThat(c.next().path("data").asText()).isEqualTo("via AzureKeyCredential");
        assertThat(keyCredential.check("connectionExists", c.id())).isTrue();
    }
}
