package io.hubbub.server.gateway;

import io.hubbub.server.hub.ClientConnection;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Pings the client every keep-alive interval, whatever else is flowing, and drops a peer from which nothing has
 * arrived for three intervals (it missed three pings in a row): a transport loss, category PingTimeout.
 */
final class KeepAliveHandler extends ChannelInboundHandlerAdapter {

    static final int MISSED_PINGS_ALLOWED = 3;

    private final ClientConnection connection;
    private final long intervalNanos;
    private ScheduledFuture<?> timer;

    KeepAliveHandler(ClientConnection connection, int intervalSeconds) {
        this.connection = connection;
        this.intervalNanos = TimeUnit.SECONDS.toNanos(intervalSeconds);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timer = ctx.executor().scheduleAtFixedRate(() -> tick(ctx), intervalNanos, intervalNanos,
                TimeUnit.NANOSECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        connection.touch();
        ctx.fireChannelRead(msg);
    }

    private void tick(ChannelHandlerContext ctx) {
        if (!ctx.channel().config().isAutoRead()) {
            // Reading is paused behind a blocking event: the peer's pongs wait unread, so silence proves nothing.
            connection.touch();
        } else if (System.nanoTime() - connection.lastReadNanos() > MISSED_PINGS_ALLOWED * intervalNanos) {
            connection.eventLoop().execute(() -> connection.lost("Ping timeout."));
            ctx.close();
            return;
        }
        ctx.writeAndFlush(new PingWebSocketFrame(), ctx.voidPromise());
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
