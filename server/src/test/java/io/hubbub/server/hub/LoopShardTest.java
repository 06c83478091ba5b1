package io.hubbub.server.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.hubbub.protocol.Payload;
import io.hubbub.protocol.filter.ODataFilter;
import io.hubbub.server.hub.ServerFrames.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoopShardTest {

    private static final ByteBufAllocator ALLOC = UnpooledByteBufAllocator.DEFAULT;
    private static final String HI_FROM_SERVER =
            "{\"type\":\"message\",\"from\":\"server\",\"dataType\":\"text\",\"data\":\"hi\"}";

    private final SharedLoop loop = new SharedLoop();
    private final ConnectionDirectory directory = new ConnectionDirectory();
    private final LoopShard shard = new LoopShard(loop.loop(), directory);
    private final Map<String, EmbeddedChannel> channels = new HashMap<>();

    @AfterEach
    void tearDown() {
        loop.close();
    }

    private ClientConnection connect(String id, String hub, String userId, ClientProtocol protocol) {
        EmbeddedChannel channel = loop.newChannel();
        channels.put(id, channel);
        ClientConnection c = TestConnections.connection(id, hub, userId, protocol, channel);
        shard.register(c);
        return c;
    }

    private ClientConnection connect(String id, String userId) {
        return connect(id, "chat", userId, ClientProtocol.JSON);
    }

    /** Delivers as LocalHub does on one loop, then lets the loop run its flush. */
    private void deliver(Target target, OutboundMessage message, Selector selector) {
        message.expectDeliveries(1);
        shard.deliver("chat", target, message, selector);
        message.deliveryDone();
        loop.runTasks();
    }

    private List<String> texts(String id) {
        return ServerFrames.texts(channels.get(id));
    }

    private static OutboundMessage fromServer(String text) {
        return OutboundMessage.fromServer(Payload.text(text), ALLOC);
    }

    @Test
    void shouldWriteEachReceiverTheFrameOfItsProtocolOnce() {
        connect("json-1", "chat", "u1", ClientProtocol.JSON);
        connect("json-2", "chat", null, ClientProtocol.JSON);
        connect("simple", "chat", "u2", ClientProtocol.SIMPLE);
        connect("elsewhere", "other", "u1", ClientProtocol.JSON);

        deliver(Target.ALL, fromServer("hi"), Selector.EVERYONE);

        assertThat(texts("json-1")).containsExactly(HI_FROM_SERVER);
        assertThat(texts("json-2")).containsExactly(HI_FROM_SERVER);
        assertThat(texts("simple")).containsExactly("hi");
        assertThat(texts("elsewhere")).as("another hub").isEmpty();
    }

    @Test
    void shouldConvertBinaryAndJsonPayloadsPerReceiver() {
        connect("json", "chat", null, ClientProtocol.JSON);
        connect("simple", "chat", null, ClientProtocol.SIMPLE);

        deliver(Target.ALL, OutboundMessage.toGroup("g1", "u9", Payload.binary(new byte[] {1, 2, 3}), ALLOC),
                Selector.EVERYONE);
        deliver(Target.ALL, OutboundMessage.fromServer(Payload.json("{\"a\":[1, 2]}".getBytes(StandardCharsets.UTF_8)),
                ALLOC), Selector.EVERYONE);

        assertThat(texts("json")).containsExactly(
                "{\"type\":\"message\",\"from\":\"group\",\"group\":\"g1\",\"fromUserId\":\"u9\","
                        + "\"dataType\":\"binary\",\"data\":\"AQID\"}",
                "{\"type\":\"message\",\"from\":\"server\",\"dataType\":\"json\",\"data\":{\"a\":[1, 2]}}");
        List<Frame> simple = ServerFrames.drain(channels.get("simple"));
        assertThat(simple).hasSize(2);
        assertThat(simple.get(0).opcode()).isEqualTo(ServerFrames.BINARY);
        assertThat(simple.get(0).payload()).containsExactly(1, 2, 3);
        assertThat(simple.get(1).opcode()).isEqualTo(ServerFrames.TEXT);
        assertThat(simple.get(1).text()).isEqualTo("{\"a\":[1, 2]}");
    }

    @Test
    void shouldDeliverToGroupMembersOnly() {
        ClientConnection a = connect("a", "u1");
        ClientConnection b = connect("b", "u2");
        connect("c", "u3");
        assertThat(shard.join(a, "g1")).isTrue();
        assertThat(shard.join(b, "g1")).isTrue();
        assertThat(shard.join(b, "g2")).isTrue();

        deliver(Target.group("g1"), fromServer("hi"), Selector.EVERYONE);
        assertThat(shard.leave(a, "g1")).isTrue();
        deliver(Target.group("g1"), fromServer("again"), Selector.EVERYONE);

        assertThat(texts("a")).containsExactly(HI_FROM_SERVER);
        assertThat(texts("b")).hasSize(2);
        assertThat(texts("c")).isEmpty();
    }

    @Test
    void shouldDeliverToEveryConnectionOfAUser() {
        connect("a1", "alice");
        connect("a2", "alice");
        connect("b", "bob");
        connect("anon", null);

        deliver(Target.user("alice"), fromServer("hi"), Selector.EVERYONE);

        assertThat(texts("a1")).containsExactly(HI_FROM_SERVER);
        assertThat(texts("a2")).containsExactly(HI_FROM_SERVER);
        assertThat(texts("b")).isEmpty();
        assertThat(texts("anon")).isEmpty();
    }

    @Test
    void shouldSkipExcludedAndNoEchoConnections() {
        connect("a", "u1");
        connect("b", "u2");
        connect("c", "u3");

        deliver(Target.ALL, fromServer("hi"), Selector.of(Set.of("a", "unknown"), null));
        deliver(Target.ALL, fromServer("hi"), Selector.skipping("b"));

        assertThat(texts("a")).hasSize(1);
        assertThat(texts("b")).hasSize(1);
        assertThat(texts("c")).hasSize(2);
    }

    @Test
    void shouldDeliverOnlyToConnectionsMatchingTheFilter() {
        ClientConnection a = connect("a", "u1");
        connect("b", "u2");
        connect("anon", null);
        shard.join(a, "vip");

        deliver(Target.ALL, fromServer("hi"), Selector.of(Set.of(), ODataFilter.parse("'vip' in groups")));
        deliver(Target.ALL, fromServer("hi"), Selector.of(Set.of(), ODataFilter.parse("userId eq null")));
        deliver(Target.ALL, fromServer("hi"), Selector.of(Set.of("b"), ODataFilter.parse("connectionId ne 'a'")));

        assertThat(texts("a")).hasSize(1);
        assertThat(texts("b")).isEmpty();
        assertThat(texts("anon")).hasSize(2);
    }

    @Test
    void shouldFlushOncePerBurstNotPerWrite() {
        connect("a", "u1");
        EmbeddedChannel channel = channels.get("a");

        for (String text : List.of("1", "2", "3")) {
            OutboundMessage m = fromServer(text);
            m.expectDeliveries(1);
            shard.deliver("chat", Target.ALL, m, Selector.EVERYONE);
            m.deliveryDone();
        }

        assertThat(channel.outboundMessages()).as("written, not flushed").isEmpty();
        assertThat(loop.hasPendingTasks()).isTrue();
        loop.runTasks();
        assertThat(texts("a")).hasSize(3).allSatisfy(t -> assertThat(t).startsWith("{\"type\":\"message\""));
        assertThat(texts("a")).isEmpty();
    }

    @Test
    void shouldShareOneEncodedFrameAndReleaseItWhenDeliveryIsDone() {
        connect("a", "u1");
        connect("b", "u2");
        connect("s", "chat", null, ClientProtocol.SIMPLE);
        OutboundMessage message = fromServer("hi");
        ByteBuf json = message.frameFor(ClientProtocol.JSON);
        ByteBuf simple = message.frameFor(ClientProtocol.SIMPLE);

        deliver(Target.ALL, message, Selector.EVERYONE);

        assertThat(json.refCnt()).as("held by the two unread writes only").isEqualTo(2);
        assertThat(simple.refCnt()).isEqualTo(1);
        texts("a");
        texts("b");
        texts("s");
        assertThat(json.refCnt()).isZero();
        assertThat(simple.refCnt()).isZero();
    }

    @Test
    void shouldCloseANonWritableChannelAsASlowClientInsteadOfQueueing() {
        connect("slow", "u1");
        connect("fast", "u2");
        EmbeddedChannel slow = channels.get("slow");
        slow.config().setWriteBufferWaterMark(new WriteBufferWaterMark(32, 64));
        slow.write(FrameEncoder.text(ALLOC, new byte[100])); // queued, never flushed
        assertThat(slow.isWritable()).isFalse();
        OutboundMessage message = fromServer("hi");
        ByteBuf shared = message.frameFor(ClientProtocol.JSON);

        deliver(Target.ALL, message, Selector.EVERYONE);

        assertThat(texts("fast")).containsExactly(HI_FROM_SERVER);
        List<Frame> frames = ServerFrames.drain(slow);
        assertThat(frames).hasSize(3);
        assertThat(frames.get(0).payload()).hasSize(100); // the frame that was stuck
        assertThat(frames.get(1).text()).startsWith("{\"type\":\"system\",\"event\":\"disconnected\",\"message\":\"");
        assertThat(frames.get(2).closeCode()).isEqualTo(1008);
        assertThat(frames.get(2).closeReason()).startsWith("SlowClient");
        assertThat(shared.refCnt()).as("nothing retained for the slow client").isZero();

        loop.advance(1, TimeUnit.SECONDS);
        assertThat(slow.isOpen()).isFalse();
        assertThat(channels.get("fast").isOpen()).isTrue();
    }

    @Test
    void shouldSkipClosingConnections() {
        ClientConnection a = connect("a", "u1");
        a.close(1000, "bye");
        ServerFrames.drain(channels.get("a"));

        deliver(Target.ALL, fromServer("hi"), Selector.EVERYONE);

        assertThat(ServerFrames.drain(channels.get("a"))).isEmpty();
    }

    @Test
    void unregisterShouldRemoveTheConnectionEverywhere() {
        ClientConnection a = connect("a", "u1");
        ClientConnection b = connect("b", "u1");
        shard.join(a, "g1");
        shard.join(b, "g1");

        shard.unregister(a);

        assertThat(directory.connection("chat", "a")).isNull();
        assertThat(directory.connection("chat", "b")).isSameAs(b);
        assertThat(directory.groupExists("chat", "g1")).isTrue();
        assertThat(directory.userExists("chat", "u1")).isTrue();
        assertThat(shard.members("chat", Target.group("g1"))).containsExactly(b);
        assertThat(shard.members("chat", Target.user("u1"))).containsExactly(b);
        assertThat(shard.allConnections()).containsExactly(b);

        shard.unregister(b);

        assertThat(directory.groupExists("chat", "g1")).isFalse();
        assertThat(directory.userExists("chat", "u1")).isFalse();
        assertThat(directory.connectionCount()).isZero();
        assertThat(shard.allConnections()).isEmpty();
        deliver(Target.ALL, fromServer("hi"), Selector.EVERYONE);
        assertThat(texts("a")).isEmpty();
        assertThat(texts("b")).isEmpty();
    }

    @Test
    void joinShouldFailForAConnectionThatIsNotRegistered() {
        ClientConnection stranger = TestConnections.connection("x", "nohub", null, ClientProtocol.JSON,
                loop.newChannel());

        assertThat(shard.join(stranger, "g1")).isFalse();
        assertThat(shard.leave(stranger, "g1")).isFalse();
        assertThat(directory.groupExists("nohub", "g1")).isFalse();
    }

    @Test
    void membersShouldBeASnapshotSafeToChangeTheIndexesThrough() {
        ClientConnection a = connect("a", "u1");
        ClientConnection b = connect("b", "u2");
        shard.join(a, "g1");
        shard.join(b, "g1");

        for (ClientConnection c : shard.members("chat", Target.group("g1"))) {
            shard.leave(c, "g1");
        }
        shard.forEach("chat", Target.ALL, Selector.EVERYONE, c -> shard.unregister(c));

        assertThat(directory.groupExists("chat", "g1")).isFalse();
        assertThat(shard.allConnections()).isEmpty();
        assertThat(shard.members("unknown-hub", Target.ALL)).isEmpty();
    }
}
