package io.hubbub.chat.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hubbub.chat.config.ChatConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Room messages go through the webhook: validated, stored, then published; the ack comes after storage. */
class MessagingIT extends ChatFixture {

    static final int BURST = 5;

    @Override
    ChatConfig.Builder configure(ChatConfig.Builder builder) {
        return builder.messageBurst(BURST).messagesPerMinute(6);
    }

    @Test
    void aMessageIsStoredThenReachesTheRoomWithItsId() {
        ChatUser alice = user("alice");
        ChatUser bob = user("bob");
        alice.connect();
        bob.connect();

        JsonNode ack = alice.event("message", Map.of("room", "general", "text", "hello <b>bob</b>", "nonce", "n1"));
        assertThat(ack.path("success").asBoolean()).as("ack %s", ack).isTrue();
        // the ack came only after the webhook answered, which was after storing: history has it already
        JsonNode history = alice.http.get("/api/rooms/general/history").json();
        JsonNode stored = history.path("messages").get(history.path("messages").size() - 1);
        assertThat(stored.path("text").asText()).isEqualTo("hello <b>bob</b>");
        assertThat(stored.path("sender").asText()).isEqualTo(alice.name);
        assertThat(stored.path("ts").asLong()).isPositive();

        JsonNode received = bob.next("message", m -> m.path("sender").asText().equals(alice.name));
        assertThat(received.path("id").asLong()).isEqualTo(stored.path("id").asLong());
        assertThat(received.path("room").asText()).isEqualTo("general");
        assertThat(received.path("text").asText()).isEqualTo("hello <b>bob</b>");
        assertThat(received.path("nonce").asText()).isEqualTo("n1");
    }

    @Test
    void theSenderLearnsTheStoredIdFromTheWebhookReply() {
        ChatUser alice = user("alice");
        alice.connect();
        alice.event("message", Map.of("room", "general", "text", "mine", "nonce", "reply-check"));
        JsonNode reply = alice.next("message", m -> "reply-check".equals(m.path("nonce").asText()));
        assertThat(reply.path("id").asLong()).isPositive();
        assertThat(reply.path("sender").asText()).isEqualTo(alice.name);
    }

    @Test
    void aRetriedNonceIsStoredOnce() {
        ChatUser alice = user("alice");
        alice.connect();
        JsonNode first = alice.event("message", Map.of("room", "general", "text", "once", "nonce", "retry-1"));
        JsonNode again = alice.event("message", Map.of("room", "general", "text", "once", "nonce", "retry-1"));
        assertThat(first.path("success").asBoolean()).isTrue();
        assertThat(again.path("success").asBoolean()).isTrue();
        long count = 0;
        for (JsonNode m : alice.http.get("/api/rooms/general/history?limit=200").json().path("messages")) {
            if (m.path("sender").asText().equals(alice.name)) {
                count++;
            }
        }
        assertThat(count).isEqualTo(1);
    }

    @Test
    void aRoomTheSenderDidNotJoinGetsAnErrorAckAndNothingIsStored() {
        ChatUser alice = user("alice");
        ChatUser carol = user("carol");
        String room = "closed-" + carol.name.substring(carol.name.length() - 8);
        assertThat(carol.http.post("/api/rooms", Map.of("name", room)).status()).isEqualTo(201);
        alice.connect();
        JsonNode ack = alice.say(room, "let me in");
        assertThat(ack.path("success").asBoolean()).isFalse();
        assertThat(ack.path("error").path("name").asText()).isNotEmpty();
        assertThat(alice.http.get("/api/rooms/" + room + "/history").json().path("messages")).isEmpty();
    }

    @Test
    void invalidMessagesGetErrorAcks() {
        ChatUser alice = user("alice");
        alice.connect();
        assertThat(alice.say("general", "   ").path("success").asBoolean()).as("blank").isFalse();
        assertThat(alice.say("no-such-room", "hi").path("success").asBoolean()).as("unknown room").isFalse();
        assertThat(alice.event("message", Map.of("text", "no room")).path("success").asBoolean()).isFalse();
        assertThat(alice.request(Map.of("type", "event", "event", "message", "dataType", "text", "data", "plain"))
                .path("success").asBoolean()).as("text instead of json").isFalse();
        assertThat(alice.event("shout", Map.of("room", "general")).path("success").asBoolean()).as("unknown event")
                .isFalse();
    }

    @Test
    void aMessageOver64KbIsRefusedAndOneAtTheLimitIsStored() {
        ChatUser alice = user("alice");
        alice.connect();
        assertThat(alice.say("general", "x".repeat(64 * 1024 + 1)).path("success").asBoolean()).isFalse();
        assertThat(alice.say("general", "y".repeat(64 * 1024)).path("success").asBoolean()).isTrue();
        JsonNode last = alice.http.get("/api/rooms/general/history?limit=1").json().path("messages").get(0);
        assertThat(last.path("text").asText()).hasSize(64 * 1024);
    }

    @Test
    void aUserSendingFasterThanTheLimitGetsErrorAcks() {
        ChatUser alice = user("alice");
        alice.connect();
        for (int i = 0; i < BURST; i++) {
            assertThat(alice.say("general", "burst " + i).path("success").asBoolean()).as("message %d", i).isTrue();
        }
        assertThat(alice.say("general", "one too many").path("success").asBoolean()).isFalse();
        // others are not affected by alice's limit
        ChatUser bob = user("bob");
        bob.connect();
        assertThat(bob.say("general", "still fine").path("success").asBoolean()).isTrue();
    }

    @Test
    void aClientThatWasAwayFetchesExactlyWhatItMissedByLastSeenId() {
        ChatUser alice = user("alice");
        ChatUser bob = user("bob");
        alice.connect();
        bob.connect();
        alice.say("general", "before the drop");
        long lastSeen = bob.next("message", m -> m.path("text").asText().equals("before the drop")).path("id").asLong();
        bob.socket().abort();
        alice.say("general", "missed 1");
        alice.say("general", "missed 2");
        bob.connect();
        JsonNode missed = bob.http.get("/api/rooms/general/history?after=" + lastSeen).json();
        assertThat(missed.path("messages")).extracting(m -> m.path("text").asText())
                .containsExactly("missed 1", "missed 2");
        assertThat(missed.path("has_more").asBoolean()).isFalse();
    }
}
