package io.hubbub.server.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubbub.protocol.Payload;
import io.hubbub.server.hub.LocalHub.Member;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.EventExecutor;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A hub over two event loops, each driven by hand, so cross-loop fan-out and release are deterministic. */
class LocalHubTest {

    private static final ByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;

    private final SharedLoop loopA = new SharedLoop();
    private final SharedLoop loopB = new SharedLoop();
    private final LocalHub hub = new LocalHub(groupOf(loopA, loopB));
    private final Map<String, EmbeddedChannel> channels = new HashMap<>();

    /** LocalHub only iterates its group's executors. */
    private static EventLoopGroup groupOf(SharedLoop... loops) {
        List<EventExecutor> executors = new ArrayList<>();
        for (SharedLoop loop : loops) {
            executors.add(loop.loop());
        }
        return (EventLoopGroup) Proxy.newProxyInstance(LocalHubTest.class.getClassLoader(),
                new Class<?>[] {EventLoopGroup.class}, (proxy, method, args) -> {
                    if (method.getName().equals("iterator")) {
                        return executors.iterator();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @AfterEach
    void tearDown() {
        loopA.close();
        loopB.close();
    }

    private ClientConnection connect(SharedLoop loop, String id, String userId, ClientProtocol protocol) {
        EmbeddedChannel channel = loop.newChannel();
        channels.put(id, channel);
        ClientConnection c = TestConnections.connection(id, "chat", userId, protocol, channel);
        hub.register(c);
        c.markOpen();
        return c;
    }

    private ClientConnection connect(SharedLoop loop, String id, String userId) {
        return connect(loop, id, userId, ClientProtocol.JSON);
    }

    private void runBothLoops() {
        loopA.runTasks();
        loopB.runTasks();
    }

    private List<String> texts(String id) {
        return ServerFrames.texts(channels.get(id));
    }

    private static OutboundMessage groupMessage(String group, String text) {
        return OutboundMessage.toGroup(group, "sender", Payload.text(text), ALLOC);
    }

    @Test
    void publishShouldReachTheTargetOnEveryLoopExactlyOnce() {
        ClientConnection a = connect(loopA, "a", "u1");
        ClientConnection b = connect(loopB, "b", "u2");
        connect(loopA, "c", "u3");
        connect(loopB, "d", "u4");
        hub.join(a, "g1");
        hub.join(b, "g1");

        hub.publish("chat", Target.group("g1"), groupMessage("g1", "hi"), Selector.EVERYONE);
        runBothLoops();

        String expected = "{\"type\":\"message\",\"from\":\"group\",\"group\":\"g1\",\"fromUserId\":\"sender\","
                + "\"dataType\":\"text\",\"data\":\"hi\"}";
        assertThat(texts("a")).containsExactly(expected);
        assertThat(texts("b")).containsExactly(expected);
        assertThat(texts("c")).isEmpty();
        assertThat(texts("d")).isEmpty();
    }

    @Test
    void publishShouldApplyTheSelectorOnEveryLoop() {
        connect(loopA, "a", "u1");
        connect(loopB, "b", "u1");
        connect(loopB, "c", "u2");

        hub.publish("chat", Target.user("u1"), groupMessage("g", "x"), Selector.skipping("b"));
        hub.publish("chat", Target.ALL, groupMessage("g", "y"), Selector.of(Set.of("a"), null));
        runBothLoops();

        assertThat(texts("a")).hasSize(1);
        assertThat(texts("b")).hasSize(1);
        assertThat(texts("c")).hasSize(1);
    }

    @Test
    void sharedFramesShouldBeReleasedOnlyAfterTheLastLoopDelivered() {
        connect(loopA, "a", "u1");
        connect(loopB, "b", "u2");
        connect(loopB, "s", null, ClientProtocol.SIMPLE);
        OutboundMessage message = OutboundMessage.fromServer(Payload.text("hi"), ALLOC);
        ByteBuf json = message.frameFor(ClientProtocol.JSON);
        ByteBuf simple = message.frameFor(ClientProtocol.SIMPLE);

        hub.publish("chat", Target.ALL, message, Selector.EVERYONE);
        loopA.runTasks();

        assertThat(json.refCnt()).as("the message's own reference plus a's write").isEqualTo(2);
        assertThat(message.frameFor(ClientProtocol.JSON)).as("still usable by loop B").isSameAs(json);

        loopB.runTasks();

        assertThat(json.refCnt()).as("a's and b's unread writes").isEqualTo(2);
        assertThat(simple.refCnt()).isEqualTo(1);
        assertThatThrownBy(() -> message.frameFor(ClientProtocol.JSON)).isInstanceOf(IllegalStateException.class);
        texts("a");
        texts("b");
        texts("s");
        assertThat(json.refCnt()).isZero();
        assertThat(simple.refCnt()).isZero();
    }

    @Test
    void publishToAnEmptyGroupOrUnknownUserShouldNotTouchTheLoops() {
        connect(loopA, "a", "u1");

        hub.publish("chat", Target.group("nobody-here"), groupMessage("nobody-here", "x"), Selector.EVERYONE);
        hub.publish("chat", Target.user("ghost"), groupMessage("g", "x"), Selector.EVERYONE);
        hub.publish("other-hub", Target.user("u1"), groupMessage("g", "x"), Selector.EVERYONE);

        assertThat(loopA.hasPendingTasks()).isFalse();
        assertThat(loopB.hasPendingTasks()).isFalse();
    }

    @Test
    void publishToConnectionShouldDeliverOnItsLoopOnly() {
        connect(loopB, "b", "u1");
        OutboundMessage message = OutboundMessage.fromServer(Payload.text("hi"), ALLOC);
        ByteBuf json = message.frameFor(ClientProtocol.JSON);

        assertThat(hub.publishToConnection("chat", "b", message)).isTrue();
        assertThat(loopA.hasPendingTasks()).isFalse();
        loopB.runTasks();

        assertThat(texts("b")).containsExactly(
                "{\"type\":\"message\",\"from\":\"server\",\"dataType\":\"text\",\"data\":\"hi\"}");
        assertThat(json.refCnt()).isZero();
        assertThat(hub.publishToConnection("chat", "nope", groupMessage("g", "x"))).isFalse();
        assertThat(hub.publishToConnection("other-hub", "b", groupMessage("g", "x"))).isFalse();
    }

    @Test
    void existenceChecksShouldFollowRegistrationAndMembership() {
        ClientConnection a = connect(loopA, "a", "u1");
        ClientConnection b = connect(loopB, "b", "u1");

        assertThat(hub.connectionCount()).isEqualTo(2);
        assertThat(hub.connectionExists("chat", "a")).isTrue();
        assertThat(hub.connectionExists("other-hub", "a")).isFalse();
        assertThat(hub.userExists("chat", "u1")).isTrue();
        assertThat(hub.userExists("other-hub", "u1")).isFalse();
        assertThat(hub.groupExists("chat", "g1")).isFalse();

        assertThat(hub.join(a, "g1")).isTrue();
        assertThat(hub.join(b, "g1")).isTrue();
        assertThat(hub.join(b, "g1")).isFalse();
        assertThat(hub.leave(a, "g1")).isTrue();
        assertThat(hub.leave(a, "g1")).isFalse();
        assertThat(hub.groupExists("chat", "g1")).as("b is still a member").isTrue();

        hub.unregister(b);

        assertThat(hub.groupExists("chat", "g1")).isFalse();
        assertThat(hub.userExists("chat", "u1")).as("a still connected").isTrue();
        assertThat(hub.connectionExists("chat", "b")).isFalse();
        assertThat(hub.connectionCount()).isEqualTo(1);

        hub.unregister(a);

        assertThat(hub.userExists("chat", "u1")).isFalse();
        assertThat(hub.connectionCount()).isZero();
    }

    @Test
    void leaveAllShouldRemoveEveryGroup() {
        ClientConnection a = connect(loopA, "a", "u1");
        hub.join(a, "g1");
        hub.join(a, "g2");

        hub.leaveAll(a);

        assertThat(a.groups()).isEmpty();
        assertThat(hub.groupExists("chat", "g1")).isFalse();
        assertThat(hub.groupExists("chat", "g2")).isFalse();
    }

    @Test
    void shouldRefuseConnectionsOfAnotherEventLoop() {
        try (SharedLoop foreign = new SharedLoop()) {
            ClientConnection stranger = TestConnections.connection("x", "chat", null, ClientProtocol.JSON,
                    foreign.newChannel());

            assertThatThrownBy(() -> hub.register(stranger)).isInstanceOf(IllegalStateException.class);
            assertThat(hub.connectionExists("chat", "x")).isFalse();
        }
    }

    @Test
    void forEachShouldCompleteAfterEveryLoopRan() {
        connect(loopA, "a", "u1");
        connect(loopB, "b", "u2");
        List<String> seen = new ArrayList<>();

        CompletableFuture<Void> done = hub.forEach("chat", Target.ALL, Selector.skipping("b"),
                c -> seen.add(c.connectionId()));

        loopA.runTasks();
        assertThat(done).isNotDone();
        loopB.runTasks();
        assertThat(done).isCompleted();
        assertThat(seen).containsExactly("a");
    }

    @Test
    void onConnectionShouldRunOnItsLoopAndSkipClosingConnections() {
        ClientConnection b = connect(loopB, "b", "u1");

        CompletableFuture<String> found = hub.onConnection("chat", "b", ClientConnection::userId);
        CompletableFuture<String> missing = hub.onConnection("chat", "zzz", ClientConnection::userId);
        loopB.runTasks();

        assertThat(found).isCompletedWithValue("u1");
        assertThat(missing).isCompletedWithValue(null);

        b.close(1000, "bye");
        CompletableFuture<String> closing = hub.onConnection("chat", "b", ClientConnection::userId);
        loopB.runTasks();
        assertThat(closing).isCompletedWithValue(null);
    }

    @Test
    void groupMembersShouldBeSortedByConnectionIdAcrossLoops() {
        for (String id : List.of("m3", "m1")) {
            hub.join(connect(loopA, id, "user-" + id), "g1");
        }
        hub.join(connect(loopB, "m2", null), "g1");
        connect(loopB, "m0", "outsider");

        CompletableFuture<List<Member>> members = hub.groupMembers("chat", "g1");
        runBothLoops();

        assertThat(members.join()).containsExactly(
                new Member("m1", "user-m1"), new Member("m2", null), new Member("m3", "user-m3"));
    }

    @Test
    void forEveryConnectionShouldVisitAllHubs() {
        connect(loopA, "a", "u1");
        EmbeddedChannel channel = loopB.newChannel();
        hub.register(TestConnections.connection("x", "other-hub", null, ClientProtocol.JSON, channel));
        List<String> seen = new ArrayList<>();

        CompletableFuture<Void> done = hub.forEveryConnection(c -> seen.add(c.hub() + "/" + c.connectionId()));
        runBothLoops();

        assertThat(done).isCompleted();
        assertThat(seen).containsExactlyInAnyOrder("chat/a", "other-hub/x");
    }
}
