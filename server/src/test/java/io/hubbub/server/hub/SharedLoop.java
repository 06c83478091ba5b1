package io.hubbub.server.hub;

import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link EmbeddedChannel}s that share one embedded event loop, as the channels of one {@link LoopShard} share a real
 * one. Nothing runs until the test says so ({@link #runTasks()}), which makes fan-out and flush batching
 * deterministic.
 */
public final class SharedLoop implements AutoCloseable {

    private final EmbeddedChannel anchor = new EmbeddedChannel();
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    public SharedLoop() {
        anchor.freezeTime(); // only advance() moves the clock, so timeouts are exact
    }

    public EventLoop loop() {
        return anchor.eventLoop();
    }

    /** A new active channel on this loop. */
    public EmbeddedChannel newChannel(ChannelHandler... handlers) {
        EmbeddedChannel channel = new QuietChannel(handlers);
        anchor.eventLoop().register(channel).syncUninterruptibly();
        channels.add(channel);
        return channel;
    }

    /** Runs every task queued on the loop (and the scheduled ones that are due). */
    public void runTasks() {
        anchor.runPendingTasks();
    }

    public boolean hasPendingTasks() {
        return anchor.hasPendingTasks();
    }

    /** Moves the loop's clock forward and runs what became due. */
    public void advance(long amount, TimeUnit unit) {
        anchor.advanceTimeBy(amount, unit);
        anchor.runPendingTasks();
    }

    @Override
    public void close() {
        for (EmbeddedChannel channel : channels) {
            channel.finishAndReleaseAll();
        }
        anchor.finishAndReleaseAll();
    }

    /**
     * EmbeddedChannel runs its loop's queued tasks after every write and flush that does not happen inside another
     * EmbeddedChannel operation on the same channel. On a shared loop that runs other channels' tasks in the middle
     * of a task: a fan-out writing to its first receiver would deliver later messages before reaching the second
     * receiver, and every write would be flushed at once. No real event loop does that. Holding the channel's
     * operation depth at one switches the automatic runs off; {@link #runTasks()} and {@code writeInbound} still
     * run the loop explicitly.
     */
    private static final class QuietChannel extends EmbeddedChannel {

        QuietChannel(ChannelHandler... handlers) {
            super(EmbeddedChannel.builder().register(false).handlers(handlers));
            try {
                Field depth = EmbeddedChannel.class.getDeclaredField("executingStackCnt");
                depth.setAccessible(true);
                depth.setInt(this, 1);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("EmbeddedChannel changed: revisit SharedLoop", e);
            }
        }
    }
}
