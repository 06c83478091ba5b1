package io.hubbub.server.gateway;

import io.hubbub.server.hub.ClientConnection;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of every pipeline and the gateway's one place that maps errors to the wire: I/O errors of a dying socket
 * are ignored, protocol violations close the WebSocket with a code and reason, anything else is logged once and
 * closes the connection with 1011.
 */
@Sharable
final class GatewayExceptionHandler extends ChannelInboundHandlerAdapter {

    static final GatewayExceptionHandler INSTANCE = new GatewayExceptionHandler();
    private static final Logger log = LoggerFactory.getLogger(GatewayExceptionHandler.class);

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ClientConnection connection = ctx.channel().attr(ClientHandshake.CONNECTION).get();
        if (cause instanceof IOException) {
            log.debug("I/O error on {}: {}", ctx.channel(), cause.toString());
            ctx.close();
        } else if (cause instanceof CorruptedWebSocketFrameException corrupted) {
            // Netty's decoder already sent the close frame (1002/1007/1009 with its reason).
            log.debug("protocol violation on {}: {}", ctx.channel(), corrupted.getMessage());
            if (connection != null) {
                connection.lost(corrupted.getMessage());
            }
            ctx.close();
        } else if (cause instanceof TooLongFrameException tooLong && connection != null) {
            connection.close(WebSocketCloseStatus.MESSAGE_TOO_BIG.code(), "Message too big: " + tooLong.getMessage());
        } else if (connection != null) {
            log.warn("unexpected error on {}", connection, cause);
            connection.close(WebSocketCloseStatus.INTERNAL_SERVER_ERROR.code(), "Internal server error.");
        } else {
            log.warn("unexpected error on {}", ctx.channel(), cause);
            ctx.close();
        }
    }
}
