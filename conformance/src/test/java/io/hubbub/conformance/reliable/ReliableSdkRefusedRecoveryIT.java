package io.hubbub.conformance.reliable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.server.auth.AccessKeys;
import io.hubbub.server.auth.ReconnectionTokens;
import io.hubbub.testkit.ClientTokens;
import io.hubbub.testkit.TestServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Recoveries the service must refuse, made by the official {@code @azure/web-pubsub-client} 1.0.4 on its default
 * reliable protocol behind a {@link ChaosProxy}: after the reconnect window (2 s here), with a reconnection token of
 * another connection, for a connection id the service never issued, and after a REST close while detached. Each
 * time the service accepts the upgrade, sends {@code disconnected} and closes 1008; the SDK then gives up recovering,
 * emits {@code disconnected} and starts afresh: a new connection id, its groups rejoined.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReliableSdkRefusedRecoveryIT {

    private static final String HUB = "fresh";
    private static final String GROUP = "lobby";
    private static final int WINDOW_SECONDS = 2;
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(10);
    private static final Map<String, Object> SDK_OPTIONS = Map.of(
            "messageRetryOptions", Map.of("retryDelayInMs", 100),
            "reconnectRetryOptions", Map.of("retryDelayInMs", 100));

    private TestServer server;
    private ChaosProxy proxy;
    private ReliableSdkDriver sdk;
    private HubRest rest;
    private ReconnectionTokens reconnectionTokens;
    private int clients;

    @BeforeAll
    void start() {
        server = TestServer.start(b -> b.reconnectWindowSeconds(WINDOW_SECONDS));
        proxy = ChaosProxy.start(server.port());
        sdk = ReliableSdkDriver.start();
        rest = new HubRest(server, HUB);
        reconnectionTokens = new ReconnectionTokens(new AccessKeys(TestServer.ACCESS_KEY, TestServer.SECONDARY_KEY),
                Clock.systemUTC());
    }

    @AfterEach
    void disposeClients() {
        proxy.refuseNewConnections(false);
        sdk.call(sdk.command("disposeAll", "-"));
    }

    @AfterAll
    void stop() {
        if (sdk != null) {
            sdk.close();
        }
        proxy.close();
        server.close();
    }

    @Test
    void aRecoveryAfterTheWindowIsRefusedAndTheSdkStartsAfresh() {
        String name = "late" + ++clients;
        String first = startInGroup(name);

        proxy.refuseNewConnections(true); // the SDK's recovery attempts fail at the TCP level meanwhile
        assertThat(proxy.cutAll(ChaosProxy.Cut.RESET)).isGreaterThanOrEqualTo(1);
        Awaitility.await().atMost(Duration.ofSeconds(WINDOW_SECONDS + 3))
                .until(() -> rest.connectionExists(first) == 404);
        proxy.refuseNewConnections(false);

        assertStartedAfresh(name, first, first);
    }

    @Test
    void aRecoveryWithTheTokenOfAnotherConnectionIsRefusedAndTheSdkStartsAfresh() {
        String name = "forger" + ++clients;
        String first = startInGroup(name);
        sdk.call(sdk.command("tamper", name).put("reconnectionToken", reconnectionTokens.issue(HUB, "someone-else")));

        proxy.cutAll(ChaosProxy.Cut.CLOSE);

        assertStartedAfresh(name, first, first);
    }

    @Test
    void aRecoveryOfAnUnknownConnectionIdIsRefusedAndTheSdkStartsAfresh() {
        String name = "stranger" + ++clients;
        String first = startInGroup(name);
        String unknown = "unknown-" + UUID.randomUUID();
        // a valid token for that id: only the id is wrong
        sdk.call(sdk.command("tamper", name).put("connectionId", unknown)
                .put("reconnectionToken", reconnectionTokens.issue(HUB, unknown)));

        proxy.cutAll(ChaosProxy.Cut.RESET);

        assertStartedAfresh(name, first, unknown);
    }

    @Test
    void aRecoveryAfterARestCloseWhileDetachedIsRefusedAndTheSdkStartsAfresh() {
        String name = "kicked" + ++clients;
        String first = startInGroup(name);

        proxy.refuseNewConnections(true);
        proxy.cutAll(ChaosProxy.Cut.CLOSE);
        RawReliableClient.pause(300); // the server sees the socket go and keeps the connection detached
        assertThat(rest.connectionExists(first)).isEqualTo(200);
        assertThat(rest.closeConnection(first, "kicked while away")).isEqualTo(204);
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> rest.connectionExists(first) == 404);
        proxy.refuseNewConnections(false);

        assertStartedAfresh(name, first, first);
    }

    /** Starts a client through the proxy, waits for {@code connected}, joins the group; returns the connection id. */
    private String startInGroup(String name) {
        ClientTokens tokens = new ClientTokens(TestServer.ACCESS_KEY, "http://127.0.0.1:" + proxy.port());
        String url = "ws://127.0.0.1:" + proxy.port() + "/client/hubs/" + HUB + "?access_token="
                + tokens.client(HUB, name, List.of("webpubsub.joinLeaveGroup." + GROUP), List.of());
        sdk.create(name, url, SDK_OPTIONS);
        sdk.invoke(name, "start");
        String id = sdk.nextEvent(name, "connected", EVENT_TIMEOUT).path("connectionId").asText();
        sdk.invoke(name, "joinGroup", GROUP);
        return id;
    }

    /**
     * The SDK reports {@code disconnected} for the connection it tried to recover (its close code 1008, the
     * service's reason), then {@code connected} with a new id, rejoins the group on it, and nothing else happens.
     */
    private void assertStartedAfresh(String name, String first, String recoveredId) {
        JsonNode disconnected = sdk.nextEvent(name, "disconnected", EVENT_TIMEOUT);
        assertThat(disconnected.path("connectionId").asText()).isEqualTo(recoveredId);
        assertThat(disconnected.path("closeCode").asInt()).as("close code of %s", disconnected).isEqualTo(1008);
        assertThat(disconnected.path("message").asText()).as("reason in %s", disconnected).isNotEmpty();

        String second = sdk.nextEvent(name, "connected", EVENT_TIMEOUT).path("connectionId").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(rest.connectionExists(second)).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(WINDOW_SECONDS + 3))
                .until(() -> rest.connectionExists(first) == 404);

        // the SDK rejoined its group on the new connection before emitting connected
        assertThat(rest.sendJsonToGroup(GROUP, "{\"sender\":\"rest\",\"n\":" + clients + "}")).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                sdk.call(sdk.command("received", name)).path("series").size() == 1);
        JsonNode message = sdk.call(sdk.command("received", name)).path("series").get(0);
        assertThat(message.get(2).asLong()).as("sequence ids restart on a new connection").isEqualTo(1);

        assertThat(sdk.pollEvent(name, Duration.ofMillis(300))).as("events after the fresh connected").isNull();
    }
}
