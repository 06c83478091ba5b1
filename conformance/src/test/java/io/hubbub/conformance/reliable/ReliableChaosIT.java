package io.hubbub.conformance.reliable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.testkit.ClientTokens;
import io.hubbub.testkit.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Official {@code @azure/web-pubsub-client} 1.0.4 clients on their default protocol,
 * {@code json.reliable.webpubsub.azure.v1}, behind a {@link ChaosProxy} that keeps cutting their TCP connections
 * (RST or FIN, never a close frame) while every client sends a long series of group messages with ackIds and receives
 * everyone's, its own included. Recovery must make the cuts invisible: every message exactly once and in order, every
 * send resolved, no lifecycle event after the first {@code connected}, the group kept without a rejoin.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReliableChaosIT {

    private static final Logger LOG = LoggerFactory.getLogger(ReliableChaosIT.class);
    private static final String HUB = "chaos";
    private static final String GROUP = "room";
    private static final List<String> CLIENTS = List.of("ann", "ben", "cid");
    private static final int MESSAGES_PER_CLIENT = 500;
    private static final int MIN_CUTS = 50;
    /** Above the ackIds the SDK generates itself (from 1, for joinGroup), so they never collide. */
    private static final long FIRST_ACK_ID = 1_000_000;
    private static final Map<String, Object> SDK_OPTIONS = Map.of(
            // Each cut fails the sends in flight; the SDK retries them with the same (explicit) ackId. The default
            // 3 retries 1 s apart can run out while a recovery attempt is itself cut, so allow more, sooner.
            "messageRetryOptions", Map.of("maxRetries", 300, "retryDelayInMs", 100),
            "reconnectRetryOptions", Map.of("retryDelayInMs", 100));

    private TestServer server;
    private ChaosProxy proxy;
    private ReliableSdkDriver sdk;
    private HubRest rest;

    @BeforeAll
    void start() {
        server = TestServer.start();
        proxy = ChaosProxy.start(server.port());
        sdk = ReliableSdkDriver.start();
        rest = new HubRest(server, HUB);
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
    void groupMessagesArriveExactlyOnceAndInOrderWhileTheNetworkKeepsDropping() {
        // The token's aud names the proxy: that is the host the clients dial and put in their Host header.
        ClientTokens tokens = new ClientTokens(TestServer.ACCESS_KEY, "http://127.0.0.1:" + proxy.port());
        Map<String, String> connectionIds = new LinkedHashMap<>();
        for (String name : CLIENTS) {
            String url = "ws://127.0.0.1:" + proxy.port() + "/client/hubs/" + HUB + "?access_token=" + tokens.client(
                    HUB, name, List.of("webpubsub.joinLeaveGroup." + GROUP, "webpubsub.sendToGroup." + GROUP), List.of());
            sdk.create(name, url, SDK_OPTIONS);
            sdk.invoke(name, "start");
            connectionIds.put(name, sdk.nextEvent(name, "connected", Duration.ofSeconds(10)).path("connectionId").asText());
            sdk.invoke(name, "joinGroup", GROUP);
        }

        long seed = System.nanoTime();
        LOG.info("chaos seed {}", seed);
        long started = System.nanoTime();
        proxy.startChaos(Duration.ofMillis(80), Duration.ofMillis(320), seed);
        List<CompletableFuture<JsonNode>> series = new ArrayList<>();
        for (String name : CLIENTS) {
            series.add(sdk.callAsync(sdk.command("sendSeries", name).put("group", GROUP)
                    .put("count", MESSAGES_PER_CLIENT).put("firstAckId", FIRST_ACK_ID).put("gapMs", 30)
                    .put("noEcho", false)));
        }
        List<JsonNode> results = new ArrayList<>();
        for (int i = 0; i < CLIENTS.size(); i++) {
            results.add(sdk.await(series.get(i), Duration.ofSeconds(45), "sendSeries of " + CLIENTS.get(i)));
        }
        proxy.stopChaos();
        LOG.info("sending took {} ms with {} cuts of {} connections; {} connections accepted; results {}",
                (System.nanoTime() - started) / 1_000_000, proxy.cutRounds(), proxy.cutConnections(),
                proxy.accepted(), results);

        assertThat(proxy.cutRounds()).as("cuts while the messages flowed").isGreaterThanOrEqualTo(MIN_CUTS);
        for (int i = 0; i < CLIENTS.size(); i++) {
            JsonNode result = results.get(i);
            assertThat(result.path("failures")).as("sendToGroup promises of %s that rejected", CLIENTS.get(i))
                    .isEmpty();
            assertThat(result.path("acked").asInt() + result.path("duplicated").asInt())
                    .as("sendToGroup promises of %s resolved (ack or Duplicate)", CLIENTS.get(i))
                    .isEqualTo(MESSAGES_PER_CLIENT);
        }

        // After the chaos, one more message through REST: the group membership survived every recovery.
        assertThat(rest.sendJsonToGroup(GROUP, "{\"sender\":\"rest\",\"n\":0}")).isEqualTo(202);
        int expected = CLIENTS.size() * MESSAGES_PER_CLIENT + 1;
        int staleRedeliveries = 0;
        for (String receiver : CLIENTS) {
            List<JsonNode> received = awaitReceived(receiver, expected, Duration.ofSeconds(15));
            assertExactlyOnceInOrder(receiver, received, expected);
            staleRedeliveries += sdk.call(sdk.command("received", receiver)).path("staleRedeliveries").asInt();
        }
        LOG.info("the SDKs dropped {} redelivered messages they already had", staleRedeliveries);
        assertThat(staleRedeliveries).as("redeliveries after recoveries (else the chaos proved little)").isPositive();

        for (String name : CLIENTS) {
            assertThat(sdk.drainEvents(name)).as("lifecycle events of %s after its first connected", name).isEmpty();
            JsonNode internals = sdk.call(sdk.command("internals", name));
            assertThat(internals.path("connectionId").asText()).as("connection of %s", name)
                    .isEqualTo(connectionIds.get(name));
            assertThat(rest.connectionExists(connectionIds.get(name))).isEqualTo(200);
        }
    }

    /** Polls the driver until {@code receiver} holds {@code count} series messages (or a little longer). */
    private List<JsonNode> awaitReceived(String receiver, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode answer = sdk.call(sdk.command("received", receiver));
            assertThat(answer.path("other")).as("non-series messages of %s", receiver).isEmpty();
            List<JsonNode> received = new ArrayList<>();
            answer.path("series").forEach(received::add);
            if (received.size() >= count || System.nanoTime() > deadline) {
                return received;
            }
            sleep(200);
        }
    }

    /**
     * Each sender's messages exactly once and in order, and the sequence ids the SDK saw a gapless 1..count in
     * arrival order: the service numbered each delivery once and the SDK dropped every redelivered duplicate.
     */
    private static void assertExactlyOnceInOrder(String receiver, List<JsonNode> received, int count) {
        Map<String, List<Integer>> bySender = received.stream().collect(Collectors.groupingBy(
                m -> m.get(0).asText(), LinkedHashMap::new, Collectors.mapping(m -> m.get(1).asInt(),
                        Collectors.toList())));
        List<Integer> all = IntStream.range(0, MESSAGES_PER_CLIENT).boxed().toList();
        for (String sender : CLIENTS) {
            assertThat(bySender.get(sender)).as("messages from %s at %s", sender, receiver).isEqualTo(all);
        }
        assertThat(bySender.get("rest")).as("the REST message at %s", receiver).containsExactly(0);
        assertThat(received).as("messages at %s", receiver).hasSize(count);
        List<Long> sequenceIds = received.stream().map(m -> m.get(2).asLong()).toList();
        assertThat(sequenceIds).as("sequence ids at %s", receiver)
                .isEqualTo(IntStream.rangeClosed(1, count).mapToObj(i -> (long) i).toList());
        // client messages come from the group; a REST send to a group reaches clients as from:"server", no group
        assertThat(received).allSatisfy(m -> assertThat(m.get(3).isNull() ? null : m.get(3).asText())
                .isEqualTo("rest".equals(m.get(0).asText()) ? null : GROUP));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
