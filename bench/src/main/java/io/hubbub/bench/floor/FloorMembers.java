package io.hubbub.bench.floor;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who receives what, kept per event loop so that a publish is one task per loop and every write happens on the
 * receiver's own loop (no cross-thread write per channel). Writes are flushed by one task queued behind them, so
 * that a backlog of messages leaves in one flush per channel: the floor should be the least a Netty server can do,
 * and Netty's cheapest path batches its syscalls. Frames enter each pipeline at its WebSocket encoder (they are
 * already encoded), so a write visits only the pipeline's head. A loop's maps are touched by that loop only.
 */
final class FloorMembers {

    private final Map<EventLoop, LoopMembers> loops = new ConcurrentHashMap<>();

    /** Adds upgraded channel {@code ch} to its loop's lists; call on {@code ch}'s event loop. */
    void join(Channel ch, String user, String group) {
        LoopMembers m = loops.computeIfAbsent(ch.eventLoop(), l -> new LoopMembers());
        ChannelHandlerContext out = ch.pipeline().context(WebSocketFrameEncoder.class);
        m.all.add(out);
        m.users.computeIfAbsent(user, u -> new ArrayList<>()).add(out);
        if (group != null) {
            m.groups.computeIfAbsent(group, g -> new ArrayList<>()).add(out);
        }
        ch.closeFuture().addListener(f -> {
            m.all.remove(out);
            remove(m.users, user, out);
            if (group != null) {
                remove(m.groups, group, out);
            }
        });
    }

    /** Writes {@code frame} (an encoded WebSocket frame) to every receiver; takes over one reference. */
    void toAll(ByteBuf frame) {
        publish(frame, m -> m.all);
    }

    void toGroup(String group, ByteBuf frame) {
        publish(frame, m -> m.groups.get(group));
    }

    void toUser(String user, ByteBuf frame) {
        publish(frame, m -> m.users.get(user));
    }

    private void publish(ByteBuf frame,
            java.util.function.Function<LoopMembers, List<ChannelHandlerContext>> receivers) {
        try {
            loops.forEach((loop, m) -> {
                ByteBuf forLoop = frame.retain();
                loop.execute(() -> {
                    try {
                        List<ChannelHandlerContext> list = receivers.apply(m);
                        if (list != null) {
                            for (ChannelHandlerContext out : list) {
                                out.write(forLoop.retainedDuplicate(), out.voidPromise());
                            }
                            m.flushLater(loop, list);
                        }
                    } finally {
                        forLoop.release();
                    }
                });
            });
        } finally {
            frame.release();
        }
    }

    private static void remove(Map<String, List<ChannelHandlerContext>> index, String key,
            ChannelHandlerContext out) {
        List<ChannelHandlerContext> list = index.get(key);
        if (list != null && list.remove(out) && list.isEmpty()) {
            index.remove(key);
        }
    }

    private static final class LoopMembers {
        final List<ChannelHandlerContext> all = new ArrayList<>();
        final Map<String, List<ChannelHandlerContext>> users = new HashMap<>();
        final Map<String, List<ChannelHandlerContext>> groups = new HashMap<>();
        private final Set<ChannelHandlerContext> unflushed = new HashSet<>();
        private boolean flushQueued;

        void flushLater(EventLoop loop, List<ChannelHandlerContext> written) {
            unflushed.addAll(written);
            if (!flushQueued) {
                flushQueued = true;
                loop.execute(() -> {
                    flushQueued = false;
                    for (ChannelHandlerContext out : unflushed) {
                        out.flush();
                    }
                    unflushed.clear();
                });
            }
        }
    }
}
