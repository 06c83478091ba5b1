package io.hubbub.conformance.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Group membership through {@code @azure/web-pubsub} 1.2.0: per connection, per user, by filter, and listing. */
class JsServerSdkGroupsIT extends JsFixture {

    @Test
    void addConnectionAndRemoveConnection() {
        Peer c = peer("u");
        Peer other = peer("v");
        JsServiceClient group = service.group("g");
        assertThat(service.check("groupExists", "g")).isFalse();

        group.invoke("addConnection", c.id());
        assertThat(service.check("groupExists", "g")).isTrue();
        group.invoke("sendToAll", "in", TEXT);
        assertThat(c.next().path("data").asText()).isEqualTo("in");
        assertNothingBeforeMarker(other);

        group.invoke("removeConnection", c.id());
        assertThat(service.check("groupExists", "g")).isFalse();
        group.invoke("sendToAll", "out", TEXT);
        assertNothingBeforeMarker(c);
    }

    @Test
    void addingAnUnknownConnectionIsTheSdksConnectionDoesNotExistError() {
        assertThatThrownBy(() -> service.group("g").invoke("addConnection", "no-such-id"))
                .isInstanceOfSatisfying(JsError.class, e -> {
                    assertThat(e.name()).isEqualTo("RestError");
                    assertThat(e.status()).isEqualTo(404);
                    // 404 is not a declared response of the PUT, so the error comes from the body, not the SDK's text
                    assertThat(e.jsMessage()).startsWith("Connection id 'no-such-id' doesn't exist");
                });
        assertThat(service.check("groupExists", "g")).isFalse();
    }

    @Test
    void removingWhatIsNotThereSucceeds() {
        service.group("g").invoke("removeConnection", "no-such-id");
        service.group("g").invoke("removeUser", "nobody");
        service.invoke("removeConnectionFromAllGroups", "no-such-id");
        service.invoke("removeUserFromAllGroups", "nobody");
    }

    @Test
    void addUserAndRemoveUserApplyToEveryConnectionOfTheUser() {
        Peer a1 = peer("a");
        Peer a2 = peer("a");
        Peer b = peer("b");
        JsServiceClient room = service.group("room");

        room.invoke("addUser", "a");
        room.invoke("sendToAll", "hi a", TEXT);
        assertThat(a1.next().path("data").asText()).isEqualTo("hi a");
        assertThat(a2.next().path("data").asText()).isEqualTo("hi a");
        assertNothingBeforeMarker(b);

        room.invoke("removeUser", "a");
        assertThat(service.check("groupExists", "room")).isFalse();
        room.invoke("sendToAll", "gone", TEXT);
        assertNothingBeforeMarker(a1, a2, b);
    }

    @Test
    void removeUserFromAllGroups() {
        Peer a = peer("a");
        Peer b = peer("b");
        service.group("x").invoke("addUser", "a");
        service.group("y").invoke("addUser", "a");
        service.group("y").invoke("addUser", "b");

        service.invoke("removeUserFromAllGroups", "a");

        assertThat(service.check("groupExists", "x")).isFalse();
        service.group("y").invoke("sendToAll", "y only for b", TEXT);
        assertThat(b.next().path("data").asText()).isEqualTo("y only for b");
        assertNothingBeforeMarker(a, b);
    }

    @Test
    void removeConnectionFromAllGroups() {
        Peer c = peer("u");
        Peer sameUser = peer("u");
        service.group("g1").invoke("addConnection", c.id());
        service.group("g2").invoke("addConnection", c.id());
        service.group("g2").invoke("addConnection", sameUser.id());

        service.invoke("removeConnectionFromAllGroups", c.id());

        assertThat(service.check("groupExists", "g1")).isFalse();
        assertThat(service.check("groupExists", "g2")).isTrue();
        service.group("g2").invoke("sendToAll", "g2", TEXT);
        assertThat(sameUser.next().path("data").asText()).isEqualTo("g2");
        assertNothingBeforeMarker(c, sameUser);
    }

    @Test
    void addConnectionsToGroupsAndRemoveConnectionsFromGroupsSelectByFilter() {
        Peer alice = peer("alice");
        Peer bob = peer("bob");
        Peer carol = peer("carol");

        service.invoke("addConnectionsToGroups", List.of("team", "all-hands"), "userId in ('alice', 'bob')");
        service.group("team").invoke("sendToAll", "team", TEXT);
        assertThat(alice.next().path("data").asText()).isEqualTo("team");
        assertThat(bob.next().path("data").asText()).isEqualTo("team");
        assertNothingBeforeMarker(carol);

        service.invoke("removeConnectionsFromGroups", List.of("team"), "userId eq 'alice'");
        service.group("team").invoke("sendToAll", "team again", TEXT);
        service.group("all-hands").invoke("sendToAll", "everyone", TEXT);
        assertThat(bob.next().path("data").asText()).isEqualTo("team again");
        assertThat(alice.next().path("data").asText()).isEqualTo("everyone");
        assertThat(bob.next().path("data").asText()).isEqualTo("everyone");
        assertNothingBeforeMarker(alice, bob, carol);
    }

    @Test
    void aBadFilterInAddConnectionsToGroupsIsABadRequest() {
        assertThatThrownBy(() -> service.invoke("addConnectionsToGroups", List.of("g"), "userId eq eq"))
                .isInstanceOfSatisfying(JsError.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void listConnectionsPagesThroughEveryMemberExactlyOnce() {
        Map<String, String> expected = new HashMap<>(); // connectionId -> userId, "" for anonymous
        JsServiceClient group = service.group("many");
        for (String user : new String[] {"u1", "u2", "u3", "u3", null}) {
            Peer p = peer(user);
            group.invoke("addConnection", p.id());
            expected.put(p.id(), user == null ? "" : user);
        }
        peer("not-a-member");

        ArrayNode pages = group.listConnectionPages(Map.of("maxPageSize", 2));
        List<Integer> sizes = new ArrayList<>();
        Map<String, String> listed = new HashMap<>();
        for (JsonNode page : pages) {
            sizes.add(page.size());
            for (JsonNode member : page) {
                String previous = listed.put(member.path("connectionId").asText(), member.path("userId").asText(""));
                assertThat(previous).as("listed twice: %s", member).isNull();
            }
        }
        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(listed).isEqualTo(expected);

        ArrayNode items = group.listConnections(Map.of("maxPageSize", 2));
        assertThat(items).hasSize(5);
        List<String> ids = new ArrayList<>();
        items.forEach(m -> ids.add(m.path("connectionId").asText()));
        assertThat(ids).containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    @Test
    void listConnectionsWithoutOptionsAndWithTop() {
        JsServiceClient group = service.group("g");
        assertThat(group.listConnections(Map.of())).isEmpty();
        for (int i = 0; i < 4; i++) {
            group.invoke("addConnection", peer("u" + i).id());
        }
        assertThat(group.listConnections(Map.of())).hasSize(4);
        assertThat(group.listConnections(Map.of("top", 3))).hasSize(3);
        assertThat(group.listConnections(Map.of("top", 3, "maxPageSize", 2))).hasSize(3);
    }

    @Test
    void concurrentCallsFromOneServiceClientAllTakeEffect() {
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            peers.add(peer("p" + i));
        }
        JsServiceClient group = service.group("crowd");

        CompletableFuture.allOf(peers.stream()
                .map(p -> group.invokeAsync("addConnection", p.id()))
                .toArray(CompletableFuture[]::new)).join();
        assertThat(group.listConnections(Map.of())).hasSize(peers.size());

        List<CompletableFuture<JsonNode>> sends = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sends.add(group.invokeAsync("sendToAll", "m" + i, TEXT));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        for (Peer p : peers) {
            List<String> received = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                received.add(p.next().path("data").asText());
            }
            assertThat(received).containsExactlyInAnyOrder("m0", "m1", "m2", "m3", "m4");
        }
        assertNothingBeforeMarker(peers.toArray(Peer[]::new));
    }
}
