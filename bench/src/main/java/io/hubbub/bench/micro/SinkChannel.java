package io.hubbub.bench.micro;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * A no-op channel for broadcaster benchmarks: writes run the real pipeline and are released at its head, where a
 * socket would copy them out. All sink channels of a benchmark report one shared {@link EventLoop} (the embedded
 * loop of the first), so a {@code LocalHub} built on that loop owns them all and its tasks run, synchronously, on
 * {@link #runPendingTasks()} of that first channel.
 */
final class SinkChannel extends EmbeddedChannel {

    private final EventLoop sharedLoop;

    /** The channel whose loop the others share. */
    SinkChannel() {
        this(null);
    }

    SinkChannel(EventLoop sharedLoop) {
        super(Discard.INSTANCE);
        this.sharedLoop = sharedLoop;
    }

    @Override
    public EventLoop eventLoop() {
        // Null while the super constructor registers the channel on its own embedded loop.
        return sharedLoop != null ? sharedLoop : super.eventLoop();
    }

    @ChannelHandler.Sharable
    private static final class Discard extends ChannelOutboundHandlerAdapter {
        static final Discard INSTANCE = new Discard();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ReferenceCountUtil.release(msg);
            if (!promise.isVoid()) {
                promise.setSuccess();
            }
        }
    }
}
