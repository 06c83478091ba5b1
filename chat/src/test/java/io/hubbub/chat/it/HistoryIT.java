package io.hubbub.chat.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The history endpoint: the latest 50 by default, older pages by cursor, the room list with last ids. */
class HistoryIT extends ChatFixture {

    @Test
    void historyPagesBackwardsFromTheLatestFifty() {
        ChatUser alice = user("alice");
        String room = "h-" + alice.name.substring(alice.name.length() - 8);
        alice.http.post("/api/rooms", Map.of("name", room));
        for (int i = 1; i <= 120; i++) {
            assertThat(admin().post("/api/rooms/" + room + "/message", Map.of("text", "m" + i), adminKey()).status())
                    .isEqualTo(201);
        }
        JsonNode latest = alice.http.get("/api/rooms/" + room + "/history").json();
        assertThat(latest.path("messages")).hasSize(50);
        assertThat(latest.path("messages").get(0).path("text").asText()).isEqualTo("m71");
        assertThat(latest.path("messages").get(49).path("text").asText()).isEqualTo("m120");
        assertThat(latest.path("has_more").asBoolean()).isTrue();

        List<String> all = new ArrayList<>();
        JsonNode page = latest;
        while (true) {
            List<String> texts = new ArrayList<>();
            page.path("messages").forEach(m -> texts.add(m.path("text").asText()));
            all.addAll(0, texts);
            if (!page.path("has_more").asBoolean()) {
                break;
            }
            long oldest = page.path("messages").get(0).path("id").asLong();
            page = alice.http.get("/api/rooms/" + room + "/history?before=" + oldest).json();
        }
        assertThat(all).hasSize(120).startsWith("m1", "m2").endsWith("m119", "m120");

        JsonNode rooms = alice.http.get("/api/rooms").json().path("rooms");
        JsonNode mine = null;
        for (JsonNode r : rooms) {
            if (r.path("name").asText().equals(room)) {
                mine = r;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("member").asBoolean()).isTrue();
        assertThat(mine.path("last_message_id").asLong())
                .isEqualTo(latest.path("messages").get(49).path("id").asLong());
    }

    @Test
    void thePageAndTheHealthEndpointAreServed() {
        ChatHttp browser = new ChatHttp(chatBase);
        ChatHttp.Response page = browser.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("script-src 'self'"));
        assertThat(browser.get("/api/health").json().path("status").asText()).isEqualTo("ok");
    }
}
