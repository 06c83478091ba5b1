package io.hubbub.chat.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.testkit.TestWebSocket;
import io.hubbub.testkit.WebSocketHandshakeFailure;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who may do what: sessions, the admin key, token roles, and webhook authenticity. */
class AccessIT extends ChatFixture {

    @Test
    void negotiateNeedsASessionAndTakesTheIdentityFromIt() {
        ChatHttp anonymous = new ChatHttp(chatBase);
        JsonNode refused = anonymous.post("/negotiate", Map.of("user_id", "mallory")).json();
        assertThat(refused.path("error").path("code").asText()).isEqualTo("Unauthorized");

        ChatUser alice = user("alice");
        JsonNode negotiated = alice.http.post("/negotiate?room=general", Map.of("user_id", "mallory")).json();
        assertThat(negotiated.path("user_id").asText()).isEqualTo(alice.name);
        assertThat(negotiated.path("room").asText()).isEqualTo("general");
        assertThat(negotiated.path("url").asText()).startsWith("ws://127.0.0.1:" + hubbub.port() + "/client/hubs/chat");
    }

    @Test
    void theTokenHoldsJoinRolesForTheUsersRoomsOnly() {
        ChatUser alice = user("alice");
        ChatUser carol = user("carol");
        String room = "c-" + carol.name.substring(carol.name.length() - 8);
        carol.http.post("/api/rooms", Map.of("name", room));

        JsonNode negotiated = alice.connect();
        JsonNode claims = claims(negotiated.path("url").asText());
        assertThat(claims.path("sub").asText()).isEqualTo(alice.name);
        assertThat(claims.path("role")).extracting(JsonNode::asText)
                .containsExactly("webpubsub.joinLeaveGroup.room.general");
        // the service enforces it: no joining a room's group without membership, no publishing past the webhook
        assertThat(alice.request(Map.of("type", "joinGroup", "group", "room." + room)).path("error").path("name")
                .asText()).isEqualTo("Forbidden");
        assertThat(alice.request(Map.of("type", "sendToGroup", "group", "room.general", "dataType", "json",
                "data", Map.of("type", "message", "text", "forged"))).path("error").path("name").asText())
                .isEqualTo("Forbidden");
    }

    @Test
    void anonymousConnectionsAreRefusedByTheConnectHandler() {
        URI noUser = hubbub.clientUrl(HUB, null);
        try {
            TestWebSocket.connect(noUser, ChatUser.PROTOCOL).close();
            throw new AssertionError("an anonymous connection was accepted");
        } catch (WebSocketHandshakeFailure e) {
            assertThat(e.getMessage()).contains("401");
        }
    }

    @Test
    void adminEndpointsNeedTheKey() {
        ChatUser alice = user("alice");
        assertThat(alice.http.post("/api/rooms/general/message", Map.of("text", "hi")).status()).isEqualTo(401);
        assertThat(admin().post("/api/rooms/general/message", Map.of("text", "hi"), "X-Admin-Key", "wrong").status())
                .isEqualTo(401);
        assertThat(admin().post("/api/rooms/general/message", Map.of("text", "hi"), "Authorization",
                "Bearer " + ADMIN_KEY).status()).isEqualTo(201);
        assertThat(admin().post("/api/rooms/nowhere/message", Map.of("text", "hi"), adminKey()).status())
                .isEqualTo(404);
        assertThat(admin().post("/api/rooms/general/message", "{not json", adminKey()).json().path("error")
                .path("message").asText()).contains("not valid JSON");
    }

    @Test
    void crossSiteRequestsRidingOnTheCookieAreRefused() {
        ChatUser alice = user("alice");
        assertThat(alice.http.post("/api/rooms", Map.of("name", "evil-room"), "Origin", "http://evil.example")
                .status()).isEqualTo(403);
        assertThat(alice.http.post("/api/rooms", Map.of("name", "fine-room-" + alice.name.substring(6)), "Origin",
                chatBase).status()).isEqualTo(201);
    }

    @Test
    void forgedEventsAreRefused() {
        ChatHttp forger = new ChatHttp(chatBase);
        ChatHttp.Response forged = forger.post("/api/pubsub/events",
                Map.of("room", "general", "text", "I am alice"),
                "ce-type", "azure.webpubsub.user.message", "ce-hub", HUB, "ce-connectionId", "c1",
                "ce-userId", "alice", "ce-eventName", "message", "ce-signature", "sha256=00");
        assertThat(forged.status()).isEqualTo(401);
        ChatHttp.Response otherHub = forger.post("/api/pubsub/events", Map.of(),
                "ce-type", "azure.webpubsub.sys.connected", "ce-hub", "other", "ce-connectionId", "c1");
        assertThat(otherHub.status()).isEqualTo(400);
    }

    @Test
    void abuseProtectionAllowsTheServicesHostOnly() {
        ChatHttp.Response ok = admin().options("/api/pubsub/events", "WebHook-Request-Origin", "127.0.0.1");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.raw().headers().firstValue("WebHook-Allowed-Origin")).contains("127.0.0.1");
        assertThat(admin().options("/api/pubsub/events", "WebHook-Request-Origin", "evil.example").status())
                .isEqualTo(403);
        assertThat(admin().options("/api/pubsub/events").status()).isEqualTo(400);
    }

    @Test
    void badInputGetsClearErrors() {
        ChatHttp browser = new ChatHttp(chatBase);
        assertThat(browser.signIn("").json().path("error").path("message").asText()).contains("1 to 32");
        assertThat(browser.signIn("system").status()).isEqualTo(400);
        ChatUser alice = user("alice");
        assertThat(alice.http.post("/api/rooms", Map.of("name", "Bad Name")).json().path("error").path("code")
                .asText()).isEqualTo("BadRequest");
        assertThat(alice.http.post("/api/rooms", Map.of("name", "general")).status()).isEqualTo(409);
        assertThat(alice.http.get("/api/rooms/general/history?limit=0").status()).isEqualTo(400);
        assertThat(alice.http.get("/api/rooms/general/history?before=1&after=1").status()).isEqualTo(400);
        assertThat(alice.http.get("/api/rooms/general/history?before=abc").status()).isEqualTo(400);
        assertThat(alice.http.get("/api/rooms/nowhere/users").status()).isEqualTo(404);
        assertThat(alice.http.post("/api/rooms/nowhere/join", null).status()).isEqualTo(404);
        assertThat(browser.get("/api/rooms/general/history").status()).isEqualTo(401);
    }

    private static JsonNode claims(String url) {
        String token = url.substring(url.indexOf("access_token=") + "access_token=".length());
        String payload = token.split("\\.")[1];
        try {
            return ChatHttp.JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
