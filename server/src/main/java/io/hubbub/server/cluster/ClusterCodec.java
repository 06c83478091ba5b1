package io.hubbub.server.cluster;

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
import io.netty.buffer.ByteBufAllocator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The binary form of {@link ClusterMessage}s: a version byte, a kind byte, the origin node, the origin's sequence
 * number, then the fields in a fixed order (strings as length + UTF-8, null as length -1). Every node of a cluster
 * runs the same version; a message of another version or a malformed one is refused with
 * {@link IllegalArgumentException}, never half-read.
 */
final class ClusterCodec {

    static final int VERSION = 1;
    /** Larger than any message the API accepts (1 MB by default, configurable) plus its envelope. */
    private static final int MAX_BYTES = 64 * 1024 * 1024;

    private static final int PRESENCE = 1;
    private static final int REQUEST = 2;
    private static final int REPLY = 3;

    private static final int RESULT_NONE = 0;
    private static final int RESULT_FALSE = 1;
    private static final int RESULT_TRUE = 2;
    private static final int RESULT_MEMBERS = 3;

    private final ByteBufAllocator alloc;

    ClusterCodec(ByteBufAllocator alloc) {
        this.alloc = alloc;
    }

    /** A message as received: {@code seq} numbers every message its origin sent, to recognise a repeated one. */
    record Received(long seq, ClusterMessage message) {
    }

    /**
     * Writes {@code seq} into a message {@link #encode encoded} earlier: the sender numbers its messages in the
     * order it hands them to the transport, after encoding them in parallel.
     */
    static void stamp(byte[] encoded, long seq) {
        int originLength = ((encoded[2] & 0xff) << 24) | ((encoded[3] & 0xff) << 16) | ((encoded[4] & 0xff) << 8)
                | (encoded[5] & 0xff);
        int at = 6 + originLength;
        for (int i = 7; i >= 0; i--) {
            encoded[at + i] = (byte) seq;
            seq >>>= 8;
        }
    }

    /** Encodes {@code message} with sequence number 0, to be {@link #stamp stamped} when it is sent. */
    byte[] encode(ClusterMessage message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            if (message instanceof Presence p) {
                out.writeByte(PRESENCE);
                header(out, p.origin());
                out.writeByte(p.kind().ordinal());
            } else if (message instanceof Request r) {
                out.writeByte(REQUEST);
                header(out, r.origin());
                out.writeLong(r.id());
                call(out, r.call());
            } else if (message instanceof Reply r) {
                out.writeByte(REPLY);
                header(out, r.origin());
                out.writeLong(r.id());
                result(out, r.result());
            } else {
                throw new IllegalArgumentException("unknown " + message);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    private static void header(DataOutputStream out, String origin) throws IOException {
        string(out, origin);
        out.writeLong(0); // the sequence number, stamped when sent
    }

    /** Decodes {@code bytes}, or returns null without reading further when it comes from {@code self}. */
    Received decode(byte[] bytes, String self) {
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("cluster message of " + bytes.length + " bytes");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        try {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("cluster message version " + version + ", this node speaks "
                        + VERSION + ": run one version on every node");
            }
            int kind = in.readUnsignedByte();
            String origin = requireString(in);
            if (origin.equals(self)) {
                return null;
            }
            long seq = in.readLong();
            ClusterMessage message = switch (kind) {
                case PRESENCE -> new Presence(origin, enumValue(Presence.Kind.values(), in.readUnsignedByte()));
                case REQUEST -> new Request(origin, in.readLong(), call(in));
                case REPLY -> new Reply(origin, in.readLong(), result(in));
                default -> throw new IllegalArgumentException("unknown cluster message kind " + kind);
            };
            if (in.available() > 0) {
                throw new IllegalArgumentException(in.available() + " bytes after the cluster message");
            }
            return new Received(seq, message);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated cluster message", e);
        }
    }

    // ---- calls

    private static final int PUBLISH = 1;
    private static final int SEND_TO_CONNECTION = 2;
    private static final int ADD_CONNECTION_TO_GROUP = 3;
    private static final int REMOVE_CONNECTION_FROM_GROUP = 4;
    private static final int REMOVE_CONNECTION_FROM_ALL_GROUPS = 5;
    private static final int CHANGE_GROUPS = 6;
    private static final int CLOSE = 7;
    private static final int CLOSE_CONNECTION = 8;
    private static final int CONNECTION_EXISTS = 9;
    private static final int GROUP_EXISTS = 10;
    private static final int USER_EXISTS = 11;
    private static final int PERMISSION = 12;
    private static final int GROUP_MEMBERS = 13;

    private static void call(DataOutputStream out, RemoteCall call) throws IOException {
        if (call instanceof Publish c) {
            out.writeByte(PUBLISH);
            strings(out, c.hub());
            target(out, c.target());
            selector(out, c.selector());
            message(out, c.message());
        } else if (call instanceof SendToConnection c) {
            out.writeByte(SEND_TO_CONNECTION);
            strings(out, c.hub(), c.connectionId());
            message(out, c.message());
        } else if (call instanceof AddConnectionToGroup c) {
            out.writeByte(ADD_CONNECTION_TO_GROUP);
            strings(out, c.hub(), c.connectionId(), c.group());
        } else if (call instanceof RemoveConnectionFromGroup c) {
            out.writeByte(REMOVE_CONNECTION_FROM_GROUP);
            strings(out, c.hub(), c.connectionId(), c.group());
        } else if (call instanceof RemoveConnectionFromAllGroups c) {
            out.writeByte(REMOVE_CONNECTION_FROM_ALL_GROUPS);
            strings(out, c.hub(), c.connectionId());
        } else if (call instanceof ChangeGroups c) {
            out.writeByte(CHANGE_GROUPS);
            out.writeBoolean(c.add());
            strings(out, c.hub());
            target(out, c.target());
            selector(out, c.selector());
            stringList(out, c.groups());
        } else if (call instanceof Close c) {
            out.writeByte(CLOSE);
            strings(out, c.hub());
            target(out, c.target());
            selector(out, c.selector());
            strings(out, c.reason());
        } else if (call instanceof CloseConnection c) {
            out.writeByte(CLOSE_CONNECTION);
            strings(out, c.hub(), c.connectionId(), c.reason());
        } else if (call instanceof ConnectionExists c) {
            out.writeByte(CONNECTION_EXISTS);
            strings(out, c.hub(), c.connectionId());
        } else if (call instanceof GroupExists c) {
            out.writeByte(GROUP_EXISTS);
            strings(out, c.hub(), c.group());
        } else if (call instanceof UserExists c) {
            out.writeByte(USER_EXISTS);
            strings(out, c.hub(), c.userId());
        } else if (call instanceof PermissionCall c) {
            out.writeByte(PERMISSION);
            out.writeByte(c.action().ordinal());
            out.writeByte(c.permission().ordinal());
            strings(out, c.hub(), c.connectionId(), c.group());
        } else if (call instanceof GroupMembers c) {
            out.writeByte(GROUP_MEMBERS);
            strings(out, c.hub(), c.group());
        } else {
            throw new IllegalArgumentException("unknown " + call);
        }
    }

    private RemoteCall call(DataInputStream in) throws IOException {
        int kind = in.readUnsignedByte();
        return switch (kind) {
            case PUBLISH -> new Publish(requireString(in), target(in), selector(in), message(in));
            case SEND_TO_CONNECTION -> new SendToConnection(requireString(in), requireString(in), message(in));
            case ADD_CONNECTION_TO_GROUP ->
                    new AddConnectionToGroup(requireString(in), requireString(in), requireString(in));
            case REMOVE_CONNECTION_FROM_GROUP ->
                    new RemoveConnectionFromGroup(requireString(in), requireString(in), requireString(in));
            case REMOVE_CONNECTION_FROM_ALL_GROUPS ->
                    new RemoveConnectionFromAllGroups(requireString(in), requireString(in));
            case CHANGE_GROUPS -> {
                boolean add = in.readBoolean();
                yield new ChangeGroups(add, requireString(in), target(in), selector(in), stringList(in));
            }
            case CLOSE -> new Close(requireString(in), target(in), selector(in), string(in));
            case CLOSE_CONNECTION -> new CloseConnection(requireString(in), requireString(in), string(in));
            case CONNECTION_EXISTS -> new ConnectionExists(requireString(in), requireString(in));
            case GROUP_EXISTS -> new GroupExists(requireString(in), requireString(in));
            case USER_EXISTS -> new UserExists(requireString(in), requireString(in));
            case PERMISSION -> {
                PermissionAction action = enumValue(PermissionAction.values(), in.readUnsignedByte());
                Permission permission = enumValue(Permission.values(), in.readUnsignedByte());
                yield new PermissionCall(action, requireString(in), requireString(in), permission, string(in));
            }
            case GROUP_MEMBERS -> new GroupMembers(requireString(in), requireString(in));
            default -> throw new IllegalArgumentException("unknown cluster call " + kind);
        };
    }

    // ---- parts

    private static final int TARGET_ALL = 0;
    private static final int TARGET_GROUP = 1;
    private static final int TARGET_USER = 2;

    private static void target(DataOutputStream out, Target target) throws IOException {
        if (target instanceof Target.All a) {
            out.writeByte(TARGET_ALL);
        } else if (target instanceof Target.Group g) {
            out.writeByte(TARGET_GROUP);
            string(out, g.name());
        } else if (target instanceof Target.User u) {
            out.writeByte(TARGET_USER);
            string(out, u.userId());
        } else {
            throw new IllegalArgumentException("unknown " + target);
        }
    }

    private static Target target(DataInputStream in) throws IOException {
        int kind = in.readUnsignedByte();
        return switch (kind) {
            case TARGET_ALL -> Target.ALL;
            case TARGET_GROUP -> Target.group(requireString(in));
            case TARGET_USER -> Target.user(requireString(in));
            default -> throw new IllegalArgumentException("unknown target kind " + kind);
        };
    }

    private static void selector(DataOutputStream out, Selector selector) throws IOException {
        stringList(out, List.copyOf(selector.excluded()));
        string(out, selector.filter() == null ? null : selector.filter().expression());
        string(out, selector.skipConnectionId());
    }

    /** The filter was parsed and checked where the call came in; parsing it again here cannot fail on it. */
    private static Selector selector(DataInputStream in) throws IOException {
        List<String> excluded = stringList(in);
        String filter = string(in);
        String skip = string(in);
        Set<String> excludedSet = excluded == null ? Set.of() : new HashSet<>(excluded);
        if (skip == null && excludedSet.isEmpty() && filter == null) {
            return Selector.EVERYONE;
        }
        return new Selector(excludedSet, filter == null ? null : ODataFilter.parse(filter), skip);
    }

    private static void message(DataOutputStream out, OutboundMessage message) throws IOException {
        Payload payload = message.payload();
        string(out, message.group());
        string(out, message.fromUserId());
        out.writeInt(message.ttlSeconds());
        out.writeByte(payload.type().ordinal());
        out.writeInt(payload.data().length);
        out.write(payload.data());
    }

    private OutboundMessage message(DataInputStream in) throws IOException {
        String group = string(in);
        String fromUserId = string(in);
        int ttlSeconds = in.readInt();
        if (ttlSeconds < 0) {
            throw new IllegalArgumentException("negative time to live in a cluster message");
        }
        DataType type = enumValue(DataType.values(), in.readUnsignedByte());
        byte[] data = new byte[length(in)];
        in.readFully(data);
        Payload payload = new Payload(type, data);
        return group == null ? OutboundMessage.fromServer(payload, alloc, ttlSeconds)
                : OutboundMessage.toGroup(group, fromUserId, payload, alloc);
    }

    private static void result(DataOutputStream out, Object result) throws IOException {
        if (result == null) {
            out.writeByte(RESULT_NONE);
        } else if (result instanceof Boolean b) {
            out.writeByte(b ? RESULT_TRUE : RESULT_FALSE);
        } else if (result instanceof List<?> members) {
            out.writeByte(RESULT_MEMBERS);
            out.writeInt(members.size());
            for (Object o : members) {
                Member m = (Member) o;
                string(out, m.connectionId());
                string(out, m.userId());
            }
        } else {
            throw new IllegalArgumentException("cannot send a " + result.getClass().getName() + " to other nodes");
        }
    }

    private static Object result(DataInputStream in) throws IOException {
        int kind = in.readUnsignedByte();
        return switch (kind) {
            case RESULT_NONE -> null;
            case RESULT_FALSE -> Boolean.FALSE;
            case RESULT_TRUE -> Boolean.TRUE;
            case RESULT_MEMBERS -> {
                int n = length(in);
                List<Member> members = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    members.add(new Member(requireString(in), string(in)));
                }
                yield members;
            }
            default -> throw new IllegalArgumentException("unknown result kind " + kind);
        };
    }

    private static void strings(DataOutputStream out, String... values) throws IOException {
        for (String v : values) {
            string(out, v);
        }
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > in.available()) {
            throw new IllegalArgumentException("string of " + n + " bytes in a cluster message");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static String requireString(DataInputStream in) throws IOException {
        String s = string(in);
        if (s == null) {
            throw new IllegalArgumentException("missing string in a cluster message");
        }
        return s;
    }

    private static void stringList(DataOutputStream out, List<String> list) throws IOException {
        if (list == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(list.size());
        for (String s : list) {
            string(out, s);
        }
    }

    private static List<String> stringList(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > in.available() / 4) {
            throw new IllegalArgumentException("list of " + n + " strings in a cluster message");
        }
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(requireString(in));
        }
        return list;
    }

    private static int length(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IllegalArgumentException("length " + n + " in a cluster message");
        }
        return n;
    }

    private static <E extends Enum<E>> E enumValue(E[] values, int ordinal) {
        if (ordinal >= values.length) {
            throw new IllegalArgumentException("unknown " + values[0].getDeclaringClass().getSimpleName() + " "
                    + ordinal);
        }
        return values[ordinal];
    }
}
