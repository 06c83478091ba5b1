package io.hubbub.conformance.reliable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.testkit.TestServer;
import io.hubbub.testkit.TestWebSocket;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The unacknowledged-message buffer of {@code json.reliable.webpubsub.azure.v1} seen from a raw socket: its limits
 * (1,000 messages, 16 MB: close 1008, or the end of a detached connection, without harm to other receivers),
 * {@code sequenceAck} freeing it (cumulative, below-the-mark acks ignored, acks above the highest id clamped, numeric
 * strings accepted) and {@code messageTtlSeconds} dropping messages that waited unwritten while the client was away.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReliableBufferIT {

    private static final int MAX_UNACKED = 1000;
    private TestServer server;
    private String hub;
    private HubRest rest;

    @BeforeAll
    void start() {
        server = TestServer.start(b -> b.reconnectWindowSeconds(10));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @BeforeEach
    void newHub() {
        hub = "buf" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        rest = new HubRest(server, hub);
    }

    @Test
    void aThousandUnackedMessagesAreKeptButOneMoreClosesWith1008() {
        RawReliableClient receiver = RawReliableClient.connect(server, hub, "slow", "webpubsub.joinLeaveGroup");
        joinGroup(receiver, "flood");
        TestWebSocket sender = server.jsonClient(hub, "fast", "webpubsub.sendToGroup");

        flood(sender, 0, MAX_UNACKED);
        readMessages(receiver, 1, MAX_UNACKED);
        receiver.roundTrip(); // exactly 1,000 unacknowledged: still served

        flood(sender, MAX_UNACKED, 1);

        JsonNode disconnected = receiver.next();
        assertThat(disconnected.path("event").asText()).as("%s", disconnected).isEqualTo("disconnected");
        assertThat(receiver.ws().awaitClose().code()).isEqualTo(1008);
        assertEnded(receiver);
        sender.close();
    }

    @Test
    void anOverflowWhileDetachedEndsTheConnectionAndTheOtherMembersStillGetTheMessage() {
        // one event loop, so the detached connection and the member share the group index that fan-out iterates
        try (TestServer single = TestServer.start(b -> b.ioThreads(1).reconnectWindowSeconds(10))) {
            HubRest singleRest = new HubRest(single, hub);
            RawReliableClient away = RawReliableClient.connect(single, hub, "away", "webpubsub.joinLeaveGroup");
            joinGroup(away, "flood");
            TestWebSocket member = single.jsonClient(hub, "member", "webpubsub.joinLeaveGroup");
            member.sendText("{\"type\":\"joinGroup\",\"group\":\"flood\",\"ackId\":1}");
            assertThat(member.nextJson().path("success").asBoolean()).isTrue();
            TestWebSocket sender = single.jsonClient(hub, "fast", "webpubsub.sendToGroup");
            away.drop();

            flood(sender, 0, MAX_UNACKED); // all buffered for the detached connection
            for (int i = 0; i < MAX_UNACKED; i++) {
                assertThat(member.nextJson().path("data").asText()).isEqualTo("n-" + i);
            }
            assertThat(singleRest.connectionExists(away.connectionId())).isEqualTo(200);

            flood(sender, MAX_UNACKED, 1); // the 1,001st ends the detached connection during the fan-out

            assertThat(member.nextJson().path("data").asText()).as("the member's copy of the 1,001st message")
                    .isEqualTo("n-" + MAX_UNACKED);
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> singleRest.connectionExists(away.connectionId()) == 404);
            RawReliableClient.assertRecoveryRefused(RawReliableClient.recoveryUrl(single, hub, away.connectionId(),
                    away.reconnectionToken()));
            flood(sender, MAX_UNACKED + 1, 1);
            assertThat(member.nextJson().path("data").asText()).isEqualTo("n-" + (MAX_UNACKED + 1));
            member.close();
            sender.close();
        }
    }

    @Test
    void aSequenceAckMakesRoomInTheBuffer() {
        RawReliableClient receiver = RawReliableClient.connect(server, hub, "steady", "webpubsub.joinLeaveGroup");
        joinGroup(receiver, "flood");
        TestWebSocket sender = server.jsonClient(hub, "fast", "webpubsub.sendToGroup");

        flood(sender, 0, MAX_UNACKED);
        readMessages(receiver, 1, MAX_UNACKED);
        receiver.ack(600);
        receiver.roundTrip(); // the ack is processed before the next messages come
        flood(sender, MAX_UNACKED, 600); // 601..1600 unacknowledged: 1,000 again
        readMessages(receiver, MAX_UNACKED + 1, 600);
        receiver.roundTrip();
        assertThat(rest.connectionExists(receiver.connectionId())).isEqualTo(200);

        flood(sender, MAX_UNACKED + 600, 1); // 1,001
        assertThat(receiver.next().path("event").asText()).isEqualTo("disconnected");
        assertThat(receiver.ws().awaitClose().code()).isEqualTo(1008);
        sender.close();
    }

    @Test
    void moreThanSixteenMegabytesUnackedClosesWith1008() {
        RawReliableClient receiver = RawReliableClient.connect(server, hub, "slow", "webpubsub.joinLeaveGroup");
        joinGroup(receiver, "big");
        String megabyte = "x".repeat(1_000_000);

        for (int i = 1; i <= 16; i++) { // 16,000,000 bytes of data plus envelopes: under 16 MiB
            assertThat(rest.sendToGroup("big", megabyte, null)).isEqualTo(202);
            assertThat(receiver.nextMessage().path("sequenceId").asLong()).isEqualTo(i);
        }
        receiver.roundTrip();

        assertThat(rest.sendToGroup("big", megabyte, null)).isEqualTo(202); // 17,000,000: over
        assertThat(receiver.next().path("event").asText()).isEqualTo("disconnected");
        assertThat(receiver.ws().awaitClose().code()).isEqualTo(1008);
        assertEnded(receiver);
    }

    @Test
    void onlyMessagesAboveTheCumulativeAckAreRedelivered() {
        RawReliableClient client = RawReliableClient.connect(server, hub, "alice");
        for (int i = 1; i <= 5; i++) {
            send(client, "m" + i, null);
            client.expectMessage(i, "m" + i);
        }
        client.ack(3);
        client.roundTrip();
        client.drop();
        client.recover();
        client.expectMessage(4, "m4");
        client.expectMessage(5, "m5");

        client.ack(2); // below the mark: ignored, 4 and 5 stay unacknowledged
        client.roundTrip();
        client.drop();
        client.recover();
        client.expectMessage(4, "m4");
        client.expectMessage(5, "m5");

        client.send("{\"type\":\"sequenceAck\",\"sequenceId\":\"5\"}"); // a numeric string, as in a docs sample
        client.roundTrip();
        client.drop();
        client.recover();
        send(client, "m6", null); // nothing was redelivered before it
        client.expectMessage(6, "m6");
        client.close();
    }

    @Test
    void anAckAboveTheHighestSequenceIdIsClampedAndHarmless() {
        RawReliableClient client = RawReliableClient.connect(server, hub, "bob");
        send(client, "m1", null);
        client.expectMessage(1, "m1");
        send(client, "m2", null);
        client.expectMessage(2, "m2");

        client.ack(1_000_000);
        client.roundTrip();
        send(client, "m3", null); // numbered on, not from the bogus ack
        client.expectMessage(3, "m3");

        client.drop(); // m3 was never acknowledged: an ack mark remembered as 1,000,000 would lose it
        client.recover();
        client.expectMessage(3, "m3");
        send(client, "m4", null);
        client.expectMessage(4, "m4");
        client.close();
    }

    @Test
    void messagesWhoseTtlPassedWhileDetachedAreDroppedOthersAreKept() {
        RawReliableClient client = RawReliableClient.connect(server, hub, "carol");
        client.drop();

        send(client, "expires", 1);
        send(client, "survives-ttl-5", 5);
        send(client, "no-ttl", null);
        RawReliableClient.pause(1500);

        client.recover();
        client.expectMessage(2, "survives-ttl-5");
        client.expectMessage(3, "no-ttl");
        send(client, "after", 1); // attached: written at once, TTL or not
        client.expectMessage(4, "after");
        client.close();
    }

    @Test
    void aMessageWrittenBeforeTheDropStaysUntilAckedWhateverItsTtl() {
        RawReliableClient client = RawReliableClient.connect(server, hub, "dave");
        send(client, "early", 1);
        client.expectMessage(1, "early"); // written, never acknowledged
        client.drop();
        RawReliableClient.pause(1500);

        client.recover();
        client.expectMessage(1, "early");
        client.close();
    }

    private void send(RawReliableClient client, String text, Integer ttlSeconds) {
        assertThat(rest.sendToConnection(client.connectionId(), text, ttlSeconds)).isEqualTo(202);
    }

    private static void joinGroup(RawReliableClient client, String group) {
        client.send("{\"type\":\"joinGroup\",\"group\":\"" + group + "\",\"ackId\":1}");
        assertThat(client.next().path("success").asBoolean()).isTrue();
    }

    /** {@code count} fire-and-forget sendToGroup frames to group "flood", text "n-{i}" for i from {@code from}. */
    private static void flood(TestWebSocket sender, int from, int count) {
        for (int i = from; i < from + count; i++) {
            sender.sendText("{\"type\":\"sendToGroup\",\"group\":\"flood\",\"dataType\":\"text\",\"data\":\"n-" + i
                    + "\"}");
        }
    }

    private static void readMessages(RawReliableClient receiver, long firstSequenceId, int count) {
        for (int i = 0; i < count; i++) {
            JsonNode message = receiver.nextMessage();
            assertThat(message.path("sequenceId").asLong()).isEqualTo(firstSequenceId + i);
        }
    }

    /** The connection is over for good: HEAD says 404 and a recovery is refused. */
    private void assertEnded(RawReliableClient client) {
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> rest.connectionExists(client.connectionId()) == 404);
        RawReliableClient.assertRecoveryRefused(RawReliableClient.recoveryUrl(server, hub, client.connectionId(),
                client.reconnectionToken()));
    }
}
