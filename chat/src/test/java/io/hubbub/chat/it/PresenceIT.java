package io.hubbub.chat.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Presence from connected/disconnected events, counted per connection; typing relayed and throttled. */
class PresenceIT extends ChatFixture {

    @Test
    void presenceFollowsTheFirstConnectionAndTheLastDisconnection() {
        ChatUser bob = user("bob");
        ChatUser alice = user("alice");
        ChatUser alicesOtherTab = tab(alice);
        bob.connect();

        alice.connect();
        JsonNode online = bob.next("presence", p -> p.path("user").asText().equals(alice.name));
        assertThat(online.path("online").asBoolean()).isTrue();
        assertThat(online.path("room").asText()).isEqualTo("general");

        alicesOtherTab.connect();
        awaitConnections(alice.name, 2);
        String marker1 = marker();
        bob.expectNoneBefore("presence", p -> p.path("user").asText().equals(alice.name), marker1);

        alice.disconnect();
        awaitConnections(alice.name, 1);
        String marker2 = marker();
        bob.expectNoneBefore("presence", p -> p.path("user").asText().equals(alice.name), marker2);
        assertThat(member(alice.name).path("online").asBoolean()).isTrue();

        alicesOtherTab.disconnect();
        JsonNode offline = bob.next("presence", p -> p.path("user").asText().equals(alice.name));
        assertThat(offline.path("online").asBoolean()).isFalse();
        assertThat(member(alice.name).path("online").asBoolean()).isFalse();
    }

    @Test
    void typingIsRelayedToTheRoomAndThrottled() {
        ChatUser alice = user("alice");
        ChatUser bob = user("bob");
        alice.connect();
        bob.connect();
        assertThat(alice.event("typing", Map.of("room", "general")).path("success").asBoolean()).isTrue();
        JsonNode typing = bob.next("typing", t -> t.path("user").asText().equals(alice.name));
        assertThat(typing.path("room").asText()).isEqualTo("general");

        // at once again: acknowledged, but not relayed (the first signal is still fresh)
        assertThat(alice.event("typing", Map.of("room", "general")).path("success").asBoolean()).isTrue();
        bob.expectNoneBefore("typing", t -> t.path("user").asText().equals(alice.name), marker());
        // typing is never stored
        assertThat(bob.http.get("/api/rooms/general/history?limit=200").json().path("messages"))
                .noneMatch(m -> m.path("sender").asText().equals(alice.name));
    }

    @Test
    void typingInARoomOneDidNotJoinIsRefused() {
        ChatUser alice = user("alice");
        ChatUser carol = user("carol");
        String room = "t-" + carol.name.substring(carol.name.length() - 8);
        carol.http.post("/api/rooms", Map.of("name", room));
        alice.connect();
        assertThat(alice.event("typing", Map.of("room", room)).path("success").asBoolean()).isFalse();
    }

    @Test
    void joiningARoomPutsOpenConnectionsInItsGroupAndTellsTheRoom() {
        ChatUser alice = user("alice");
        ChatUser bob = user("bob");
        alice.connect();
        bob.connect();
        String room = "lab-" + alice.name.substring(alice.name.length() - 8);
        assertThat(alice.http.post("/api/rooms", Map.of("name", room)).status()).isEqualTo(201);
        assertThat(bob.next("room", r -> r.path("room").asText().equals(room)).path("created_by").asText())
                .isEqualTo(alice.name);

        assertThat(bob.http.post("/api/rooms/" + room + "/join", null).json().path("joined").asBoolean()).isTrue();
        JsonNode joined = alice.next("membership", m -> m.path("room").asText().equals(room)
                && m.path("user").asText().equals(bob.name));
        assertThat(joined.path("joined").asBoolean()).isTrue();
        assertThat(alice.next("presence", p -> p.path("room").asText().equals(room)
                && p.path("user").asText().equals(bob.name)).path("online").asBoolean()).isTrue();

        // bob's open connection was added to the group by the app: no joinGroup, no reconnect
        assertThat(alice.say(room, "welcome").path("success").asBoolean()).isTrue();
        assertThat(bob.next("message", m -> m.path("room").asText().equals(room)).path("text").asText())
                .isEqualTo("welcome");

        assertThat(bob.http.post("/api/rooms/" + room + "/leave", null).json().path("left").asBoolean()).isTrue();
        assertThat(alice.next("membership", m -> m.path("room").asText().equals(room)
                && m.path("user").asText().equals(bob.name)).path("joined").asBoolean()).isFalse();
        assertThat(bob.say(room, "still here?").path("success").asBoolean()).isFalse();
    }

    private JsonNode member(String user) {
        for (JsonNode m : admin().get("/api/rooms/general/users", adminKey()).json().path("users")) {
            if (m.path("user_id").asText().equals(user)) {
                return m;
            }
        }
        throw new AssertionError(user + " is not a member of general");
    }

    private void awaitConnections(String user, int count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> member(user).path("connections").asInt() == count);
    }

    /** A room message everyone in general receives after whatever was published before it. */
    private String marker() {
        String marker = "marker " + System.nanoTime();
        assertThat(admin().post("/api/rooms/general/message", Map.of("text", marker), adminKey()).status())
                .isEqualTo(201);
        return marker;
    }
}
