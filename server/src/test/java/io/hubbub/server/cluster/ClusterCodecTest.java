package io.hubbub.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hubbub.protocol.DataType;
import io.hubbub.protocol.Payload;
import io.hubbub.protocol.filter.ODataFilter;
import io.hubbub.server.cluster.ClusterMessage.Presence;
import io.hubbub.server.cluster.ClusterMessage.Reply;
import io.hubbub.server.cluster.ClusterMessage.Request;
import io.hubbub.server.cluster.RemoteCall.AddConnectionToGroup;
import io.hubbub.server.cluster.RemoteCall.ChangeGroups;
import io.hubbub.server.cluster.RemoteCall.Close;
import io.hubbub.server.cluster.RemoteCall.CloseConnection;
import io.hubbub.server.cluster.RemoteCall.ConnectionExists;
import io.hubbub.server.cluster.RemoteCall.GroupExists;
import io.hubbub.server.cluster.RemoteCall.GroupMembers;
import io.hubbub.server.cluster.RemoteCall.PermissionAction;
import io.hubbub.server.cluster.RemoteCall.PermissionCall;
import io.hubbub.server.cluster.RemoteCall.Publish;
import io.hubbub.server.cluster.RemoteCall.RemoveConnectionFromAllGroups;
import io.hubbub.server.cluster.RemoteCall.RemoveConnectionFromGroup;
import io.hubbub.server.cluster.RemoteCall.SendToConnection;
import io.hubbub.server.cluster.RemoteCall.UserExists;
import io.hubbub.server.hub.LocalHub.Member;
import io.hubbub.server.hub.OutboundMessage;
import io.hubbub.server.hub.Selector;
import io.hubbub.server.hub.Target;
import io.hubbub.server.hub.permission.Permission;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterCodecTest {

    private final ClusterCodec codec = new ClusterCodec(UnpooledByteBufAllocator.DEFAULT);

    private ClusterMessage roundTrip(ClusterMessage m) {
        byte[] bytes = codec.encode(m);
        ClusterCodec.stamp(bytes, 17);
        ClusterCodec.Received received = codec.decode(bytes, "another-node");
        assertThat(received.seq()).isEqualTo(17);
        return received.message();
    }

    private RemoteCall roundTrip(RemoteCall call) {
        Request back = (Request) roundTrip(new Request("node-a", 42, call));
        assertThat(back.origin()).isEqualTo("node-a");
        assertThat(back.id()).isEqualTo(42);
        return back.call();
    }

    @Test
    void presenceAndRepliesSurviveTheTrip() {
        for (Presence.Kind kind : Presence.Kind.values()) {
            assertThat(roundTrip(new Presence("n1", kind))).isEqualTo(new Presence("n1", kind));
        }
        assertThat(roundTrip(new Reply("n1", 7, null))).isEqualTo(new Reply("n1", 7, null));
        assertThat(roundTrip(new Reply("n1", 7, true))).isEqualTo(new Reply("n1", 7, true));
        assertThat(roundTrip(new Reply("n1", 7, false))).isEqualTo(new Reply("n1", 7, false));
        List<Member> members = List.of(new Member("c1", "alice"), new Member("c2", null));
        assertThat(roundTrip(new Reply("n1", 7, members))).isEqualTo(new Reply("n1", 7, members));
    }

    @Test
    void callsWithoutMessagesSurviveTheTrip() {
        List<RemoteCall> calls = List.of(
                new AddConnectionToGroup("hub", "c1", "g"),
                new RemoveConnectionFromGroup("hub", "c1", "g"),
                new RemoveConnectionFromAllGroups("hub", "c1"),
                new CloseConnection("hub", "c1", "bye"),
                new CloseConnection("hub", "c1", null),
                new ConnectionExists("hub", "c1"),
                new GroupExists("hub", "g"),
                new UserExists("hub", "ü-ser"),
                new PermissionCall(PermissionAction.GRANT, "hub", "c1", Permission.SEND_TO_GROUP, "g"),
                new PermissionCall(PermissionAction.CHECK, "hub", "c1", Permission.JOIN_LEAVE_GROUP, null),
                new PermissionCall(PermissionAction.REVOKE, "hub", "c1", Permission.JOIN_LEAVE_GROUP, "g"),
                new GroupMembers("hub", "g"));
        for (RemoteCall call : calls) {
            assertThat(roundTrip(call)).isEqualTo(call);
        }
    }

    @Test
    void aPublishKeepsItsTargetSelectorAndMessage() {
        Selector selector = new Selector(Set.of("c9"), ODataFilter.parse("userId ne 'bob'"), "c1");
        OutboundMessage message = OutboundMessage.toGroup("room", "alice", Payload.json("{\"a\":1}".getBytes()),
                UnpooledByteBufAllocator.DEFAULT);

        Publish back = (Publish) roundTrip(new Publish("hub", Target.group("room"), selector, message));

        assertThat(back.hub()).isEqualTo("hub");
        assertThat(back.target()).isEqualTo(Target.group("room"));
        assertThat(back.selector().excluded()).containsExactly("c9");
        assertThat(back.selector().filter().expression()).isEqualTo("userId ne 'bob'");
        assertThat(back.selector().skipConnectionId()).isEqualTo("c1");
        assertThat(back.message().group()).isEqualTo("room");
        assertThat(back.message().fromUserId()).isEqualTo("alice");
        assertThat(back.message().payload()).isEqualTo(message.payload());
    }

    @Test
    void aSendToConnectionKeepsItsTimeToLiveAndBinaryData() {
        byte[] data = {0, 1, (byte) 0xff, 0x7f};
        OutboundMessage message = OutboundMessage.fromServer(new Payload(DataType.BINARY, data),
                UnpooledByteBufAllocator.DEFAULT, 30);

        SendToConnection back = (SendToConnection) roundTrip(new SendToConnection("hub", "c1", message));

        assertThat(back.connectionId()).isEqualTo("c1");
        assertThat(back.message().ttlSeconds()).isEqualTo(30);
        assertThat(back.message().group()).isNull();
        assertThat(back.message().payload().type()).isEqualTo(DataType.BINARY);
        assertThat(back.message().payload().data()).isEqualTo(data);
    }

    @Test
    void targetWideCallsKeepTheirTargetsAndGroups() {
        ChangeGroups add = (ChangeGroups) roundTrip(new ChangeGroups(true, "hub", Target.user("u"), Selector.EVERYONE,
                List.of("a", "b")));
        assertThat(add.add()).isTrue();
        assertThat(add.target()).isEqualTo(Target.user("u"));
        assertThat(add.selector()).isSameAs(Selector.EVERYONE);
        assertThat(add.groups()).containsExactly("a", "b");

        ChangeGroups removeAll = (ChangeGroups) roundTrip(new ChangeGroups(false, "hub", Target.ALL,
                Selector.EVERYONE, null));
        assertThat(removeAll.add()).isFalse();
        assertThat(removeAll.groups()).isNull();

        Close close = (Close) roundTrip(new Close("hub", Target.group("g"), Selector.of(Set.of("x"), null), "done"));
        assertThat(close.target()).isEqualTo(Target.group("g"));
        assertThat(close.selector().excluded()).containsExactly("x");
        assertThat(close.reason()).isEqualTo("done");
    }

    @Test
    void aSequenceNumberCanBeStampedAfterEncoding() {
        byte[] bytes = codec.encode(new Presence("node-ü", Presence.Kind.BEAT));
        ClusterCodec.stamp(bytes, 0x0102030405060708L);
        ClusterCodec.Received received = codec.decode(bytes, "me");
        assertThat(received.seq()).isEqualTo(0x0102030405060708L);
        assertThat(received.message()).isEqualTo(new Presence("node-ü", Presence.Kind.BEAT));
    }

    @Test
    void aNodeSkipsItsOwnMessagesWithoutDecodingThem() {
        byte[] own = codec.encode(new Request("me", 0, new GroupExists("hub", "g")));
        assertThat(codec.decode(own, "me")).isNull();
        assertThat(codec.decode(own, "you").message()).isEqualTo(new Request("me", 0, new GroupExists("hub", "g")));
    }

    @Test
    void malformedMessagesAreRefusedNotHalfRead() {
        byte[] good = codec.encode(new Request("n", 1, new GroupExists("hub", "g")));

        for (int cut = 0; cut < good.length; cut++) {
            byte[] truncated = Arrays.copyOf(good, cut);
            assertThatThrownBy(() -> codec.decode(truncated, "x")).isInstanceOf(IllegalArgumentException.class);
        }
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> codec.decode(trailing, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("after");
        byte[] otherVersion = good.clone();
        otherVersion[0] = 9;
        assertThatThrownBy(() -> codec.decode(otherVersion, "x")).hasMessageContaining("version 9");
        byte[] unknownKind = good.clone();
        unknownKind[1] = 77;
        assertThatThrownBy(() -> codec.decode(unknownKind, "x")).hasMessageContaining("kind 77");
        byte[] hugeString = good.clone();
        hugeString[2] = 0x7f; // the origin's length
        assertThatThrownBy(() -> codec.decode(hugeString, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
