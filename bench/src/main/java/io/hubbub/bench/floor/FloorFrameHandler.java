package io.hubbub.bench.floor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubbub.protocol.Payload;
import io.hubbub.protocol.json.JsonServerMessageEncoder;
import io.hubbub.server.hub.FrameEncoder;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.IOException;

/**
 * The floor's WebSocket side: a {@code {"type":"sendToGroup","group":G,"data":D}} text frame publishes
 * Hubbub's group message for D to G's members, encoded once with Hubbub's own encoder.
 */
final class FloorFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FloorMembers members;

    FloorFrameHandler(FloorMembers members) {
        this.members = members;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) throws IOException {
        if (frame instanceof TextWebSocketFrame) {
            JsonNode message = JSON.readTree((java.io.InputStream) new ByteBufInputStream(frame.content()));
            JsonNode group = message.get("group");
            if ("sendToGroup".equals(message.path("type").asText()) && group != null && group.isTextual()) {
                byte[] json = JsonServerMessageEncoder.groupMessage(group.asText(), null,
                        Payload.text(message.path("data").asText()), null);
                members.toGroup(group.asText(), FrameEncoder.text(ctx.alloc(), json));
            }
        } else if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()), ctx.voidPromise());
        } else if (frame instanceof CloseWebSocketFrame) {
            ctx.writeAndFlush(frame.retainedDuplicate()).addListener(f -> ctx.close());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
