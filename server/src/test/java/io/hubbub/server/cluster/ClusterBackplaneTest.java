package io.hubbub.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubbub.protocol.Payload;
import io.hubbub.server.hub.LocalHub.Member;
import io.hubbub.server.hub.OutboundMessage;
import io.hubbub.server.hub.Selector;
import io.hubbub.server.hub.Target;
import io.hubbub.server.hub.permission.Permission;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cluster's logic over an in-memory bus: which node runs what, how answers combine, and whom a call waits for.
 * Each node's own connections are a {@link FakeLocal} that records the calls it gets.
 */
class ClusterBackplaneTest {

    private static final ClusterBackplane.Timings FAST = new ClusterBackplane.Timings(Duration.ofMillis(50),
            Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofMillis(100));

    private final Bus bus = new Bus();
    private final List<ClusterBackplane> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(ClusterBackplane::close);
    }

    private Node node(String... connections) throws Exception {
        FakeLocal local = new FakeLocal(Set.of(connections));
        Bus.Transport transport = bus.new Transport();
        ClusterBackplane cluster = new ClusterBackplane(local, transport, UnpooledByteBufAllocator.DEFAULT, FAST);
        cluster.start();
        started.add(cluster);
        return new Node(cluster, local, transport);
    }

    record Node(ClusterBackplane cluster, FakeLocal local, Bus.Transport transport) {
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    private static OutboundMessage message(String text) {
        return OutboundMessage.fromServer(Payload.text(text), UnpooledByteBufAllocator.DEFAULT);
    }

    @Test
    void aPublishIsDeliveredOnceByEveryNode() throws Exception {
        Node a = node();
        Node b = node();
        Node c = node();

        a.cluster().publish("hub", Target.group("room"), message("hi"), Selector.EVERYONE);

        awaitUntil(() -> b.local().calls.size() == 1 && c.local().calls.size() == 1);
        assertThat(a.local().calls).containsExactly("publish hub Group[name=room] hi");
        assertThat(b.local().calls).containsExactly("publish hub Group[name=room] hi");
        assertThat(c.local().calls).containsExactly("publish hub Group[name=room] hi");
    }

    @Test
    void aConnectionIsFoundOnTheNodeThatHoldsIt() throws Exception {
        Node a = node("a1");
        Node b = node("b1");
        node("c1");

        assertThat(await(a.cluster().connectionExists("hub", "a1"))).isTrue();
        assertThat(await(a.cluster().connectionExists("hub", "c1"))).isTrue();
        assertThat(await(b.cluster().connectionExists("hub", "nowhere"))).isFalse();
        assertThat(await(a.cluster().addConnectionToGroup("hub", "c1", "g"))).isTrue();
        assertThat(await(a.cluster().addConnectionToGroup("hub", "nowhere", "g"))).isFalse();
        assertThat(b.local().calls).contains("exists nowhere").doesNotContain("join c1 g");
    }

    @Test
    void aConnectionHeldHereIsNeverAskedOfTheOthers() throws Exception {
        Node a = node("a1");
        Node b = node();

        a.cluster().closeConnection("hub", "a1", "bye").get(5, TimeUnit.SECONDS);
        a.cluster().sendToConnection("hub", "a1", message("x")).get(5, TimeUnit.SECONDS);

        assertThat(a.local().calls).contains("close a1 bye", "send a1 x");
        Thread.sleep(100);
        assertThat(b.local().calls).isEmpty();
    }

    @Test
    void aYesDoesNotWaitForAnUnresponsiveNodeButANoDoes() throws Exception {
        Node a = node();
        node("b1");
        Node stuck = node();
        stuck.transport().deaf = true; // alive (it still beats) but answers nothing

        long start = System.nanoTime();
        assertThat(await(a.cluster().connectionExists("hub", "b1"))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST.callTimeout());

        start = System.nanoTime();
        assertThat(await(a.cluster().connectionExists("hub", "nowhere"))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(FAST.callTimeout());
    }

    @Test
    void aNodeThatSaidGoodbyeIsNotWaitedFor() throws Exception {
        Node a = node();
        Node b = node();
        b.cluster().close();

        long start = System.nanoTime();
        assertThat(await(a.cluster().userExists("hub", "someone"))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST.callTimeout());
    }

    @Test
    void aMessageTheTransportDeliversTwiceRunsOnce() throws Exception {
        Node a = node();
        Node b = node();
        a.cluster().publish("hub", Target.ALL, message("once"), Selector.EVERYONE);
        awaitUntil(() -> b.local().calls.size() == 1);

        a.transport().sendLastBroadcastAgain();
        a.cluster().publish("hub", Target.ALL, message("marker"), Selector.EVERYONE);
        awaitUntil(() -> b.local().calls.size() >= 2);

        assertThat(b.local().calls).containsExactly("publish hub All[] once", "publish hub All[] marker");
    }

    @Test
    void withoutTheTransportANodeServesItsOwnConnectionsAndAnswersAlone() throws Exception {
        Node a = node("a1");
        node("b1");
        a.transport().connected = false;

        assertThat(a.cluster().isHealthy()).isFalse();
        a.cluster().publish("hub", Target.ALL, message("local"), Selector.EVERYONE);
        assertThat(a.local().calls).containsExactly("publish hub All[] local");
        assertThat(await(a.cluster().connectionExists("hub", "a1"))).isTrue();
        long start = System.nanoTime();
        assertThat(await(a.cluster().connectionExists("hub", "b1"))).as("b1 cannot be reached").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST.callTimeout());
    }

    @Test
    void groupMembersAreGatheredFromEveryNodeInConnectionIdOrder() throws Exception {
        Node a = node();
        Node b = node();
        a.local().members = List.of(new Member("m3", "u3"), new Member("m1", "u1"));
        b.local().members = List.of(new Member("m2", null));

        assertThat(await(a.cluster().groupMembers("hub", "g"))).extracting(Member::connectionId)
                .containsExactly("m1", "m2", "m3");
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(10);
        }
    }

    /** Nodes in one process: every node's messages arrive in order on a thread of the receiving node's own. */
    static final class Bus {
        private final Map<String, Transport> nodes = new ConcurrentHashMap<>();

        final class Transport implements ClusterTransport {
            private final ExecutorService inbox = Executors.newSingleThreadExecutor();
            private String id;
            private Consumer<byte[]> receiver;
            private volatile byte[] lastBroadcast;
            volatile boolean connected = true;
            volatile boolean deaf;

            @Override
            public CompletableFuture<Void> start(String nodeId, Consumer<byte[]> receiver) {
                this.id = nodeId;
                this.receiver = receiver;
                nodes.put(nodeId, this);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<Void> broadcast(byte[] message) {
                if (!connected) {
                    return CompletableFuture.failedFuture(new IllegalStateException("disconnected"));
                }
                lastBroadcast = message;
                nodes.values().forEach(n -> n.deliver(message));
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<Void> send(String nodeId, byte[] message) {
                if (!connected) {
                    return CompletableFuture.failedFuture(new IllegalStateException("disconnected"));
                }
                Transport to = nodes.get(nodeId);
                if (to != null) {
                    to.deliver(message);
                }
                return CompletableFuture.completedFuture(null);
            }

            void sendLastBroadcastAgain() {
                byte[] again = lastBroadcast;
                nodes.values().forEach(n -> n.deliver(again));
            }

            private void deliver(byte[] message) {
                if (connected && !deaf) {
                    inbox.execute(() -> receiver.accept(message));
                }
            }

            @Override
            public boolean isConnected() {
                return connected;
            }

            @Override
            public void close() {
                nodes.remove(id);
                inbox.shutdown();
            }
        }
    }

    /** A node's own connections: a fixed set of connection ids, and a log of what the node was asked to do. */
    static final class FakeLocal implements Backplane {
        final Set<String> connections;
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile List<Member> members = List.of();

        FakeLocal(Set<String> connections) {
            this.connections = connections;
        }

        private CompletableFuture<Boolean> here(String connectionId, String call) {
            boolean here = connections.contains(connectionId);
            if (here) {
                calls.add(call);
            }
            return CompletableFuture.completedFuture(here);
        }

        private CompletableFuture<Void> done(String call) {
            calls.add(call);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void publish(String hub, Target target, OutboundMessage message, Selector selector) {
            calls.add("publish " + hub + " " + target + " " + new String(message.payload().data()));
        }

        @Override
        public CompletableFuture<Boolean> sendToConnection(String hub, String connectionId, OutboundMessage message) {
            return here(connectionId, "send " + connectionId + " " + new String(message.payload().data()));
        }

        @Override
        public CompletableFuture<Boolean> addConnectionToGroup(String hub, String connectionId, String group) {
            return here(connectionId, "join " + connectionId + " " + group);
        }

        @Override
        public CompletableFuture<Void> removeConnectionFromGroup(String hub, String connectionId, String group) {
            return done("leave " + connectionId + " " + group);
        }

        @Override
        public CompletableFuture<Void> removeConnectionFromAllGroups(String hub, String connectionId) {
            return done("leave-all " + connectionId);
        }

        @Override
        public CompletableFuture<Void> addToGroups(String hub, Target target, Selector selector,
                Collection<String> groups) {
            return done("add " + target + " " + groups);
        }

        @Override
        public CompletableFuture<Void> removeFromGroups(String hub, Target target, Selector selector,
                Collection<String> groups) {
            return done("remove " + target + " " + groups);
        }

        @Override
        public CompletableFuture<Void> close(String hub, Target target, Selector selector, String reason) {
            return done("close " + target + " " + reason);
        }

        @Override
        public CompletableFuture<Void> closeConnection(String hub, String connectionId, String reason) {
            return done("close " + connectionId + " " + reason);
        }

        @Override
        public CompletableFuture<Boolean> connectionExists(String hub, String connectionId) {
            calls.add("exists " + connectionId);
            return CompletableFuture.completedFuture(connections.contains(connectionId));
        }

        @Override
        public CompletableFuture<Boolean> groupExists(String hub, String group) {
            return CompletableFuture.completedFuture(false);
        }

        @Override
        public CompletableFuture<Boolean> userExists(String hub, String userId) {
            return CompletableFuture.completedFuture(false);
        }

        @Override
        public CompletableFuture<Boolean> grantPermission(String hub, String connectionId, Permission permission,
                String group) {
            return here(connectionId, "grant " + connectionId);
        }

        @Override
        public CompletableFuture<Void> revokePermission(String hub, String connectionId, Permission permission,
                String group) {
            return done("revoke " + connectionId);
        }

        @Override
        public CompletableFuture<Boolean> checkPermission(String hub, String connectionId, Permission permission,
                String group) {
            return CompletableFuture.completedFuture(connections.contains(connectionId));
        }

        @Override
        public CompletableFuture<List<Member>> groupMembers(String hub, String group) {
            return CompletableFuture.completedFuture(members);
        }
    }
}
