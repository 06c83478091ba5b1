package io.hubbub.bench.floor;

import io.hubbub.protocol.DataType;
import io.hubbub.protocol.Payload;
import io.hubbub.protocol.json.JsonServerMessageEncoder;
import io.hubbub.server.hub.FrameEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.util.List;

/**
 * The floor's HTTP side: {@code GET /ws?user=U&group=G} upgrades to a WebSocket and joins the connection;
 * {@code POST /send}, {@code /groups/G/send} and {@code /users/U/send} encode the JSON message (with Hubbub's own
 * encoder, so the bytes on the wire are Hubbub's) and its WebSocket frame once and hand it to {@link FloorMembers}. The same contract as the Node.js peers (bench/peers/README.md).
 */
@ChannelHandler.Sharable
final class FloorHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final FloorMembers members;

    FloorHttpHandler(FloorMembers members) {
        this.members = members;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        if (path.equals("/ws") && request.method().equals(HttpMethod.GET)) {
            upgrade(ctx, request, uri);
            return;
        }
        if (!request.method().equals(HttpMethod.POST)) {
            respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED);
            return;
        }
        String[] segments = path.split("/");
        if (path.equals("/send")) {
            members.toAll(serverMessage(ctx, request.content()));
        } else if (segments.length == 4 && segments[1].equals("groups") && segments[3].equals("send")) {
            members.toGroup(segments[2], serverMessage(ctx, request.content()));
        } else if (segments.length == 4 && segments[1].equals("users") && segments[3].equals("send")) {
            members.toUser(segments[2], serverMessage(ctx, request.content()));
        } else {
            respond(ctx, request, HttpResponseStatus.NOT_FOUND);
            return;
        }
        respond(ctx, request, HttpResponseStatus.ACCEPTED);
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder uri) {
        String user = first(uri.parameters().get("user"));
        String group = first(uri.parameters().get("group"));
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
                "ws://" + request.headers().get(HttpHeaderNames.HOST) + "/ws", null, false, 1 << 20)
                .newHandshaker(request);
        if (handshaker == null || user == null) {
            respond(ctx, request, HttpResponseStatus.BAD_REQUEST);
            return;
        }
        handshaker.handshake(ctx.channel(), request).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                f.channel().close();
                return;
            }
            f.channel().pipeline().replace(this, "floor-frames", new FloorFrameHandler(members));
            members.join(f.channel(), user, group);
            f.channel().writeAndFlush(FrameEncoder.text(f.channel().alloc(), JsonServerMessageEncoder.connected(
                    f.channel().id().asShortText(), user, null)), f.channel().voidPromise());
        });
    }

    /** The message Hubbub itself would send for a REST text send, as one encoded frame. */
    private static ByteBuf serverMessage(ChannelHandlerContext ctx, ByteBuf body) {
        byte[] json = JsonServerMessageEncoder.serverMessage(new Payload(DataType.TEXT, ByteBufUtil.getBytes(body)),
                null);
        return FrameEncoder.text(ctx.alloc(), json);
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status) {
        FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), status);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
