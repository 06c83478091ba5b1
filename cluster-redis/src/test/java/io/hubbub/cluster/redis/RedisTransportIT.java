package io.hubbub.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hubbub.server.cluster.ClusterTransport;
import io.hubbub.testkit.TestRedis;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Redis transport against the {@link TestRedis}. */
class RedisTransportIT {

    private static final URI REDIS = TestRedis.URI;

    @BeforeAll
    static void needsRedis() {
        assumeTrue(TestRedis.isReachable(), "no Redis at " + REDIS + " (set HUBBUB_TEST_REDIS)");
    }

    private final List<ClusterTransport> transports = new ArrayList<>();

    @AfterEach
    void close() {
        transports.forEach(ClusterTransport::close);
    }

    private Node node(String cluster, String id) throws Exception {
        ClusterTransport t = new RedisTransportProvider().create(REDIS, cluster);
        transports.add(t);
        Node n = new Node(t, new CopyOnWriteArrayList<>());
        t.start(id, bytes -> n.received.add(new String(bytes, StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
        return n;
    }

    record Node(ClusterTransport transport, List<String> received) {
    }

    @Test
    void broadcastsReachEveryNodeInOrderAndInboxesOnlyTheirOwner() throws Exception {
        String cluster = "it-" + UUID.randomUUID();
        Node a = node(cluster, "a");
        Node b = node(cluster, "b");
        assertThat(a.transport().isConnected()).isTrue();

        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            sent.add("m" + i);
            a.transport().broadcast(("m" + i).getBytes(StandardCharsets.UTF_8));
        }
        a.transport().send("b", "for b".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);

        List<String> expectedAtB = new ArrayList<>(sent);
        expectedAtB.add("for b");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(b.received()).containsExactlyElementsOf(expectedAtB);
            assertThat(a.received()).containsExactlyElementsOf(sent);
        });
    }

    @Test
    void clustersSharingOneRedisDoNotHearEachOther() throws Exception {
        Node a = node("it-" + UUID.randomUUID(), "a");
        Node other = node("it-" + UUID.randomUUID(), "a");

        a.transport().broadcast("hello".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
        other.transport().broadcast("marker".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(10)).until(() -> other.received().contains("marker"));
        assertThat(other.received()).containsExactly("marker");
        assertThat(a.received()).containsExactly("hello");
    }

    @Test
    void anUnreachableRedisFailsTheStart() {
        ClusterTransport t = new RedisTransportProvider().create(URI.create("redis://127.0.0.1:1"), "it");
        transports.add(t);
        assertThatThrownBy(() -> t.start("a", bytes -> { }).get(30, TimeUnit.SECONDS))
                .hasMessageContaining("127.0.0.1");
        assertThat(t.isConnected()).isFalse();
        assertThatThrownBy(() -> t.broadcast(new byte[1]).get(5, TimeUnit.SECONDS)).isNotNull();
    }
}
