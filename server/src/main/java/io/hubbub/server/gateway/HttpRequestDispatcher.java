package io.hubbub.server.gateway;

import io.hubbub.protocol.rest.ErrorBody;
import io.hubbub.server.api.ApiResponses;
import io.hubbub.server.api.RestApiHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;

/** Sends each request to the REST API or the client endpoint by its path; anything else is a 404. */
@Sharable
public final class HttpRequestDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final RestApiHandler api;
    private final ClientHandshake clients;

    public HttpRequestDispatcher(RestApiHandler api, ClientHandshake clients) {
        this.api = api;
        this.clients = clients;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            FullHttpResponse response = ApiResponses.error(HttpResponseStatus.BAD_REQUEST, ErrorBody.BAD_REQUEST,
                    "The HTTP request is malformed.");
            RequestAggregator.echoRequestId(request, response);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        String path = path(request.uri());
        if (path.equals("/api") || path.startsWith("/api/")) {
            api.handle(ctx, request);
        } else if (path.equals("/client") || path.startsWith("/client/")) {
            clients.handle(ctx, request);
        } else {
            FullHttpResponse response = ApiResponses.error(HttpResponseStatus.NOT_FOUND, ErrorBody.NOT_FOUND,
                    "Nothing is served at " + path + ".");
            RequestAggregator.echoRequestId(request, response);
            ctx.writeAndFlush(response);
        }
    }

    private static String path(String uri) {
        int q = uri.indexOf('?');
        return q >= 0 ? uri.substring(0, q) : uri;
    }
}
