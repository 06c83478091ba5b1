package io.hubbub.chat.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Direct messages go to the two people concerned only, via send-to-user, and keep their own history. */
class DirectMessageIT extends ChatFixture {

    @Test
    void aDirectMessageReachesTheTargetAndTheSenderOnly() {
        ChatUser alice = user("alice");
        ChatUser bob = user("bob");
        ChatUser carol = user("carol");
        alice.connect();
        bob.connect();
        carol.connect();

        JsonNode ack = alice.event("dm", Map.of("to", bob.name, "text", "psst <i>bob</i>", "nonce", "dm-1"));
        assertThat(ack.path("success").asBoolean()).as("ack %s", ack).isTrue();

        JsonNode atBob = bob.next("dm");
        assertThat(atBob.path("from").asText()).isEqualTo(alice.name);
        assertThat(atBob.path("to").asText()).isEqualTo(bob.name);
        assertThat(atBob.path("text").asText()).isEqualTo("psst <i>bob</i>");
        assertThat(alice.next("dm").path("id").asLong()).isEqualTo(atBob.path("id").asLong());

        // a room message sent after the DM reaches carol; nothing of the DM may come before it
        String marker = "marker " + System.nanoTime();
        assertThat(admin().post("/api/rooms/general/message", Map.of("text", marker), adminKey()).status())
                .isEqualTo(201);
        carol.expectNoneBefore("dm", marker);
    }

    @Test
    void conversationsHaveTheirOwnHistoryAndList() {
        ChatUser alice = user("alice");
        ChatUser bob = user("bob");
        ChatUser carol = user("carol");
        alice.connect();
        alice.event("dm", Map.of("to", bob.name, "text", "one"));
        alice.event("dm", Map.of("to", bob.name, "text", "two"));
        alice.event("dm", Map.of("to", carol.name, "text", "for carol"));

        JsonNode history = bob.http.get("/api/dms/" + alice.name + "/history").json();
        assertThat(history.path("messages")).extracting(m -> m.path("text").asText()).containsExactly("one", "two");
        long first = history.path("messages").get(0).path("id").asLong();
        assertThat(bob.http.get("/api/dms/" + alice.name + "/history?after=" + first).json().path("messages"))
                .extracting(m -> m.path("text").asText()).containsExactly("two");
        assertThat(carol.http.get("/api/dms/" + alice.name + "/history").json().path("messages"))
                .extracting(m -> m.path("text").asText()).containsExactly("for carol");
        assertThat(carol.http.get("/api/dms/" + bob.name + "/history").json().path("messages")).isEmpty();

        JsonNode list = alice.http.get("/api/dms").json().path("conversations");
        assertThat(list).extracting(c -> c.path("peer").asText()).containsExactly(carol.name, bob.name);
        assertThat(list.get(0).path("last_message_id").asLong()).isPositive();
    }

    @Test
    void directMessagesToNobodyOrToOneselfAreRefused() {
        ChatUser alice = user("alice");
        alice.connect();
        assertThat(alice.event("dm", Map.of("to", "nobody-signed-in", "text", "hi")).path("success").asBoolean())
                .isFalse();
        assertThat(alice.event("dm", Map.of("to", alice.name, "text", "me")).path("success").asBoolean()).isFalse();
        assertThat(alice.http.get("/api/dms/nobody-signed-in/history").status()).isEqualTo(404);
    }

    @Test
    void theAdminSendsADirectMessageWithSendToUser() {
        ChatUser bob = user("bob");
        ChatUser bobsOtherTab = tab(bob);
        bob.connect();
        bobsOtherTab.connect(); // send-to-user reaches every connection of the user
        ChatHttp.Response sent = admin().post("/api/user/" + bob.name + "/message", Map.of("text", "maintenance"),
                adminKey());
        assertThat(sent.status()).isEqualTo(201);
        assertThat(sent.json().path("from").asText()).isEqualTo("system");
        assertThat(bob.next("dm").path("text").asText()).isEqualTo("maintenance");
        assertThat(bobsOtherTab.next("dm").path("text").asText()).isEqualTo("maintenance");
        assertThat(bob.http.get("/api/dms/system/history").json().path("messages"))
                .extracting(m -> m.path("text").asText()).containsExactly("maintenance");
        assertThat(bob.event("dm", Map.of("to", "system", "text", "reply?")).path("success").asBoolean()).isFalse();
        assertThat(admin().post("/api/user/nobody-here/message", Map.of("text", "x"), adminKey()).status())
                .isEqualTo(404);
    }
}
