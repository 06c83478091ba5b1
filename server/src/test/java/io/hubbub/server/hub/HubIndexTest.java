package io.hubbub.server.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HubIndexTest {

    private final SharedLoop loop = new SharedLoop();
    private final HubIndex index = new HubIndex();

    @AfterEach
    void tearDown() {
        loop.close();
    }

    private ClientConnection connection(String id, String userId) {
        return TestConnections.connection(id, "chat", userId, ClientProtocol.JSON, loop.newChannel());
    }

    @Test
    void addShouldIndexByUserButNotAnonymousConnections() {
        ClientConnection a = connection("a", "u1");
        ClientConnection b = connection("b", "u1");
        ClientConnection anonymous = connection("c", null);

        index.add(a);
        index.add(b);
        index.add(anonymous);

        assertThat(index.all).containsExactly(a, b, anonymous);
        assertThat(index.user("u1")).containsExactly(a, b);
        assertThat(index.users).containsOnlyKeys("u1");
        assertThat(index.user("nobody")).isEmpty();
    }

    @Test
    void joinAndLeaveShouldReportChangesAndKeepBothViewsInStep() {
        ClientConnection a = connection("a", "u1");
        index.add(a);

        assertThat(index.join(a, "g1")).isTrue();
        assertThat(index.join(a, "g1")).as("already a member").isFalse();
        assertThat(index.group("g1")).containsExactly(a);
        assertThat(a.groups()).containsExactly("g1");

        assertThat(index.leave(a, "g1")).isTrue();
        assertThat(index.leave(a, "g1")).as("not a member").isFalse();
        assertThat(index.group("g1")).isEmpty();
        assertThat(index.groups).as("empty groups are dropped").isEmpty();
        assertThat(a.groups()).isEmpty();
    }

    @Test
    void groupNamesShouldBeCaseSensitive() {
        ClientConnection a = connection("a", null);
        index.add(a);
        index.join(a, "General");

        assertThat(index.group("general")).isEmpty();
        assertThat(index.group("General")).containsExactly(a);
    }

    @Test
    void removeShouldDropTheConnectionFromEveryIndex() {
        ClientConnection a = connection("a", "u1");
        ClientConnection b = connection("b", "u1");
        index.add(a);
        index.add(b);
        index.join(a, "g1");
        index.join(a, "g2");
        index.join(b, "g2");

        index.remove(a);

        assertThat(index.all).containsExactly(b);
        assertThat(index.user("u1")).containsExactly(b);
        assertThat(index.group("g2")).containsExactly(b);
        assertThat(index.groups).containsOnlyKeys("g2");
        assertThat(index.isEmpty()).isFalse();

        index.remove(b);

        assertThat(index.isEmpty()).isTrue();
        assertThat(index.users).isEmpty();
        assertThat(index.groups).isEmpty();
    }
}
