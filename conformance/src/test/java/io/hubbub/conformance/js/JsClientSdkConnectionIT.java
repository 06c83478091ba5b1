package io.hubbub.conformance.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.testkit.ClientTokens;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The life of a {@code @azure/web-pubsub-client} 1.0.4 connection on {@code WebPubSubJsonProtocol()}: start, stop,
 * service-side closes and automatic reconnection, keep-alive, permissions, events without a handler, and URLs minted
 * by the server SDK.
 */
class JsClientSdkConnectionIT extends JsClientFixture {

    @Test
    void startConnectsAndReportsConnectionIdAndUserId() {
        JsClient alice = jsClient("alice", clientUrl("alice"));

        JsonNode connected = alice.startAndAwaitConnected();

        assertThat(connected.path("userId").asText()).isEqualTo("alice");
        String connectionId = connected.path("connectionId").asText();
        assertThat(connectionId).isNotEmpty();
        assertThat(service.check("connectionExists", connectionId)).isTrue();
        assertThat(service.check("userExists", "alice")).isTrue();
    }

    @Test
    void startWithATokenSignedByAnotherKeyRejects() {
        URI url = URI.create("ws://127.0.0.1:" + server.port() + "/client/hubs/" + hub + "?access_token="
                + ClientTokens.sign(Map.of("aud", server.endpoint() + "/client/hubs/" + hub,
                        "exp", System.currentTimeMillis() / 1000 + 600, "sub", "eve"),
                        "WRONGWRONGWRONGWRONGWRONGWRONGWRONGWRONG1234"));
        JsClient eve = jsClient("eve", url, NO_RECONNECT);

        assertThatThrownBy(() -> eve.invoke("start")).isInstanceOf(JsError.class);
        assertThat(service.check("userExists", "eve")).isFalse();
    }

    @Test
    void stopEmitsDisconnectedThenStoppedAndEndsTheConnection() {
        JsClient alice = started("alice");
        String connectionId = alice.connectionId();

        alice.invoke("stop");

        JsonNode disconnected = alice.nextEvent("disconnected");
        assertThat(disconnected.path("connectionId").asText()).isEqualTo(connectionId);
        alice.nextEvent("stopped");
        await().atMost(Duration.ofSeconds(5)).until(() -> !service.check("connectionExists", connectionId));
        assertThat(service.check("userExists", "alice")).isFalse();
    }

    @Test
    void aServiceCloseReachesTheClientAsDisconnectedWithTheReason() {
        JsClient alice = jsClient("alice", clientUrl("alice"), NO_RECONNECT);
        String connectionId = alice.startAndAwaitConnected().path("connectionId").asText();

        service.invoke("closeConnection", connectionId, Map.of("reason", "kicked out"));

        JsonNode disconnected = alice.nextEvent("disconnected");
        assertThat(disconnected.path("connectionId").asText()).isEqualTo(connectionId);
        assertThat(disconnected.path("message").asText()).isEqualTo("kicked out");
        alice.nextEvent("stopped");
    }

    @Test
    void aLongCloseReasonReachesTheClientInFull() {
        String reason = "Wartungsarbeiten – bitte später erneut verbinden. ".repeat(5); // > 123 bytes of UTF-8
        JsClient alice = jsClient("alice", clientUrl("alice"), NO_RECONNECT);
        alice.startAndAwaitConnected();

        service.invoke("closeAllConnections", Map.of("reason", reason));

        assertThat(alice.nextEvent("disconnected").path("message").asText()).isEqualTo(reason);
        alice.nextEvent("stopped");
    }

    @Test
    void afterAServiceCloseTheClientReconnectsAndRejoinsItsGroups() {
        JsClient alice = started("alice", JOIN);
        String first = alice.connectionId();
        alice.invoke("joinGroup", "room");

        service.invoke("closeUserConnections", "alice", Map.of("reason", "rebalancing"));

        assertThat(alice.nextEvent("disconnected").path("message").asText()).isEqualTo("rebalancing");
        String second = alice.nextEvent("connected").path("connectionId").asText();
        assertThat(second).isNotEqualTo(first);
        service.group("room").invoke("sendToAll", "welcome back", TEXT);
        assertThat(alice.nextDataMessage().path("data").asText()).isEqualTo("welcome back");
        assertThat(service.check("connectionExists", first)).isFalse();
    }

    @Test
    void withoutAutoRejoinTheReconnectedClientIsInNoGroup() {
        JsClient alice = jsClient("alice", clientUrl("alice", JOIN), Map.of("autoRejoinGroups", false));
        alice.startAndAwaitConnected();
        alice.invoke("joinGroup", "room");

        service.invoke("closeConnection", alice.connectionId());

        alice.nextEvent("disconnected");
        alice.nextEvent("connected");
        service.group("room").invoke("sendToAll", "not for you", TEXT);
        assertNothingBeforeMarker(alice);
    }

    @Test
    void aRejoinTheNewConnectionMayNotDoIsReportedAsRejoinGroupFailed() {
        JsClient carol = started("carol");
        service.invoke("grantPermission", carol.connectionId(), "joinLeaveGroup", Map.of("targetName", "vip"));
        carol.invoke("joinGroup", "vip");

        // the REST grant belonged to the old connection; the new one may not join "vip"
        service.invoke("closeConnection", carol.connectionId(), Map.of("reason", "bye"));

        carol.nextEvent("disconnected");
        List<String> events = new ArrayList<>();
        JsonNode failed = carol.nextEventMatching(e -> {
            events.add(e.path("event").asText());
            return "rejoin-group-failed".equals(e.path("event").asText());
        });
        assertThat(failed.path("group").asText()).isEqualTo("vip");
        carol.nextEventMatching(e -> "connected".equals(e.path("event").asText()));
        assertThat(events).doesNotContain("connected");
    }

    @Test
    void theServiceAnswersKeepAlivePingsSoAnIdleClientStaysConnected() {
        // the client closes itself after keepAliveTimeoutInMs without a message; the service's pongs are messages
        JsClient alice = jsClient("alice", clientUrl("alice"), Map.of("autoReconnect", false,
                "keepAliveIntervalInMs", 100, "keepAliveTimeoutInMs", 600));
        alice.startAndAwaitConnected();

        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4))
                .until(() -> service.check("connectionExists", alice.connectionId()));
        assertNothingBeforeMarker(alice);
    }

    @Test
    void joinAndSendWithoutPermissionRejectForbiddenUntilGranted() {
        JsClient carol = started("carol");

        assertThatThrownBy(() -> carol.invoke("joinGroup", "vip"))
                .isInstanceOfSatisfying(JsError.class, e -> {
                    assertThat(e.name()).isEqualTo("SendMessageError");
                    assertThat(e.ackErrorName()).isEqualTo("Forbidden");
                    assertThat(e.ackErrorMessage()).isNotBlank();
                });
        assertThatThrownBy(() -> carol.invoke("sendToGroup", "vip", "hi", "text"))
                .isInstanceOfSatisfying(JsError.class, e -> assertThat(e.ackErrorName()).isEqualTo("Forbidden"));
        assertThat(service.check("groupExists", "vip")).isFalse();

        service.invoke("grantPermission", carol.connectionId(), "joinLeaveGroup", Map.of("targetName", "vip"));
        carol.invoke("joinGroup", "vip");
        service.group("vip").invoke("sendToAll", "welcome", TEXT);
        assertThat(carol.nextDataMessage().path("data").asText()).isEqualTo("welcome");
        assertThat(service.check("connectionExists", carol.connectionId())).isTrue();
    }

    @Test
    void sendEventWithoutAnUpstreamHandlerRejectsWithNotFoundAndKeepsTheConnection() {
        JsClient alice = started("alice", JOIN);

        assertThatThrownBy(() -> alice.invoke("sendEvent", "myevent", Map.of("a", 1), "json"))
                .isInstanceOfSatisfying(JsError.class, e -> {
                    assertThat(e.name()).isEqualTo("SendMessageError");
                    assertThat(e.ackErrorName()).isEqualTo("NotFound");
                    assertThat(e.ackErrorMessage()).isNotBlank();
                });
        assertThatThrownBy(() -> alice.invoke("sendEvent", "other", "text", "text"))
                .isInstanceOfSatisfying(JsError.class, e -> assertThat(e.ackErrorName()).isEqualTo("NotFound"));

        // without an ack the event is dropped quietly
        alice.invoke("sendEvent", "myevent", binary(new byte[] {1, 2}, "ArrayBuffer"), "binary",
                Map.of("fireAndForget", true));

        assertThat(service.check("connectionExists", alice.connectionId())).isTrue();
        alice.invoke("joinGroup", "still-here");
        assertNothingBeforeMarker(alice);
    }

    @Test
    void invokeEventRejectsWhileInvocationIsNotSupported() {
        JsClient alice = started("alice");

        assertThatThrownBy(() -> alice.invoke("invokeEvent", "calc", Map.of("x", 1), "json"))
                .isInstanceOfSatisfying(JsError.class, e -> {
                    assertThat(e.name()).isEqualTo("InvocationError");
                    assertThat(e.ackErrorName()).isEqualTo("NotSupported");
                });
        assertThat(service.check("connectionExists", alice.connectionId())).isTrue();
    }

    @Test
    void aUrlFromTheServerSdkCarriesUserRolesAndGroups() {
        JsonNode token = service.invoke("getClientAccessToken", Map.of(
                "userId", "dora",
                "roles", List.of("webpubsub.sendToGroup.lobby", "webpubsub.joinLeaveGroup.side"),
                "groups", List.of("lobby")));
        JsClient dora = jsClientWithCredential("dora", URI.create(token.path("url").asText()), Map.of());
        Peer lobbyMember = peer("m");
        service.group("lobby").invoke("addConnection", lobbyMember.id());

        JsonNode connected = dora.startAndAwaitConnected();

        assertThat(connected.path("userId").asText()).isEqualTo("dora");
        service.group("lobby").invoke("sendToAll", "lobby news", TEXT);
        assertThat(dora.nextDataMessage().path("data").asText()).isEqualTo("lobby news");
        assertThat(lobbyMember.next().path("data").asText()).isEqualTo("lobby news");

        dora.invoke("sendToGroup", "lobby", "hi lobby", "text", Map.of("noEcho", true));
        JsonNode fromDora = lobbyMember.next();
        assertThat(fromDora.path("fromUserId").asText()).isEqualTo("dora");
        assertThat(fromDora.path("data").asText()).isEqualTo("hi lobby");

        dora.invoke("joinGroup", "side");
        assertThatThrownBy(() -> dora.invoke("joinGroup", "elsewhere"))
                .isInstanceOfSatisfying(JsError.class, e -> assertThat(e.ackErrorName()).isEqualTo("Forbidden"));
        assertThatThrownBy(() -> dora.invoke("sendToGroup", "side", "x", "text"))
                .isInstanceOfSatisfying(JsError.class, e -> assertThat(e.ackErrorName()).isEqualTo("Forbidden"));
    }

    @Test
    void aFrameOverTheSizeLimitEndsTheConnection() {
        JsClient alice = jsClient("alice", clientUrl("alice", SEND), NO_RECONNECT);
        alice.startAndAwaitConnected();
        String tooBig = "x".repeat(1024 * 1024 + 1);

        assertThatThrownBy(() -> alice.invoke("sendToGroup", "g", tooBig, "text"))
                .isInstanceOfSatisfying(JsError.class, e -> assertThat(e.name()).isEqualTo("SendMessageError"));
        alice.nextEvent("disconnected");
        alice.nextEvent("stopped");
    }
}
