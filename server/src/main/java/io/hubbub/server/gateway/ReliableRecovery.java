package io.hubbub.server.gateway;

import io.hubbub.server.auth.ReconnectionTokens;
import io.hubbub.server.config.ServerConfig;
import io.hubbub.server.hub.ClientConnection;
import io.hubbub.server.hub.ClientProtocol;
import io.hubbub.server.hub.FrameEncoder;
import io.hubbub.server.hub.LocalHub;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.util.concurrent.TimeUnit;

/**
 * A reliable client reconnecting with {@code awps_connection_id} and {@code awps_reconnection_token} (with or
 * without its old access token, which is then ignored). If the connection is still kept, the new socket takes it
 * over: same id and user, a fresh token, every unacknowledged message again with its original sequence id. If not,
 * the upgrade is still accepted, then {@code disconnected} and close 1008 tell the client to start afresh (clients
 * retry HTTP errors instead).
 */
final class ReliableRecovery {

    static final int CLOSE_POLICY = 1008;

    private final ServerConfig config;
    private final LocalHub hub;
    private final ReconnectionTokens tokens;
    private final WebSocketUpgrader upgrader;

    ReliableRecovery(ServerConfig config, LocalHub hub, ReconnectionTokens tokens, WebSocketUpgrader upgrader) {
        this.config = config;
        this.hub = hub;
        this.tokens = tokens;
        this.upgrader = upgrader;
    }

    void recover(ChannelHandlerContext ctx, FullHttpRequest request, ClientRequest client, String connectionId,
            String token) {
        ClientConnection connection = hub.connection(client.hub(), connectionId);
        if (!tokens.verify(token, client.hub(), connectionId)) {
            refuse(ctx, request, client, "The reconnection token is not valid for this connection.");
            return;
        }
        if (connection == null || !connection.isReliable()) {
            refuse(ctx, request, client, "The connection cannot be recovered: it has ended.");
            return;
        }
        Channel channel = ctx.channel();
        ChannelFuture upgraded = upgrader.upgrade(ctx, request, connection.subprotocol(), connection);
        if (upgraded == null) {
            return;
        }
        upgraded.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                channel.close();
                return;
            }
            connection.eventLoop().execute(() -> {
                if (connection.isClosing() || !connection.isOpen()) {
                    goodbye(channel, connection.protocol(), "The connection cannot be recovered: it has ended.");
                    return;
                }
                connection.attach(channel, connection.protocol().encoder().connected(connectionId, connection.userId(),
                        tokens.issue(connection.hub(), connectionId)));
            });
        });
    }

    private void refuse(ChannelHandlerContext ctx, FullHttpRequest request, ClientRequest client, String reason) {
        String subprotocol = null;
        ClientProtocol protocol = ClientProtocol.JSON;
        for (String offered : client.subprotocols()) {
            if (ClientProtocol.forSubprotocol(offered) != null) {
                subprotocol = offered;
                protocol = ClientProtocol.forSubprotocol(offered);
                break;
            }
        }
        ClientProtocol goodbyeProtocol = protocol;
        Channel channel = ctx.channel();
        ChannelFuture upgraded = upgrader.upgrade(ctx, request, subprotocol, null);
        if (upgraded != null) {
            upgraded.addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    goodbye(channel, goodbyeProtocol, reason);
                } else {
                    channel.close();
                }
            });
        }
    }

    /** {@code disconnected} with the reason, then close 1008 (no recovery), then drop the socket soon after. */
    private static void goodbye(Channel channel, ClientProtocol protocol, String reason) {
        channel.write(FrameEncoder.frame(channel.alloc(), !protocol.isProtobuf(),
                protocol.encoder().disconnected(reason)));
        channel.writeAndFlush(new CloseWebSocketFrame(CLOSE_POLICY, reason));
        channel.eventLoop().schedule(() -> {
            channel.close();
        }, 1, TimeUnit.SECONDS);
    }
}
