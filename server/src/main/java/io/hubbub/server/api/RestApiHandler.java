package io.hubbub.server.api;

import io.hubbub.protocol.rest.ErrorBody;
import io.hubbub.server.auth.AuthException;
import io.hubbub.server.auth.ClientTokenIssuer;
import io.hubbub.server.auth.RestTokenVerifier;
import io.hubbub.server.cluster.Backplane;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST data plane: authenticates, routes and answers {@code /api/...} requests. The API's single error writer:
 * every failure leaves as the Azure error body with {@code x-ms-error-code}, and nothing but a bug becomes a 5xx
 * (SDKs retry 5xx).
 */
public final class RestApiHandler {

    private static final Logger log = LoggerFactory.getLogger(RestApiHandler.class);
    private static final String CLIENT_REQUEST_ID = "x-ms-client-request-id";

    private final RestTokenVerifier tokens;
    private final Backplane backplane;
    private final IntConsumer answered;
    private final RestRoutes routes = new RestRoutes();

    public RestApiHandler(RestTokenVerifier tokens, Backplane backplane, ClientTokenIssuer issuer,
            URI publicEndpoint) {
        this(tokens, backplane, issuer, publicEndpoint, status -> { });
    }

    /** {@code answered} is told the status of every answer (metrics). */
    public RestApiHandler(RestTokenVerifier tokens, Backplane backplane, ClientTokenIssuer issuer,
            URI publicEndpoint, IntConsumer answered) {
        this.tokens = tokens;
        this.backplane = backplane;
        this.answered = answered;
        new SendOperations(backplane, ByteBufAllocator.DEFAULT).register(routes);
        new TokenOperation(issuer, publicEndpoint).register(routes);
        new ManagementOperations(backplane).register(routes);
        new ListConnectionsOperation(backplane, publicEndpoint).register(routes);
    }

    /** Handles one request; {@code request} stays owned (and released) by the caller. */
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String requestId = request.headers().get(CLIENT_REQUEST_ID);
        boolean head = HttpMethod.HEAD.equals(request.method());
        CompletableFuture<FullHttpResponse> response;
        try {
            response = route(request);
        } catch (ApiException e) {
            response = CompletableFuture.completedFuture(ApiResponses.error(e));
        } catch (RuntimeException e) {
            response = CompletableFuture.completedFuture(internalError(request, e));
        }
        response.exceptionally(t -> {
            Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
            return cause instanceof ApiException api ? ApiResponses.error(api) : internalError(request, cause);
        }).thenAccept(r -> {
            answered.accept(r.status().code());
            write(ctx, r, keepAlive, requestId, head);
        });
    }

    private CompletableFuture<FullHttpResponse> route(FullHttpRequest request) {
        RestRequest rest = new RestRequest(request, "http");
        List<String> segments = rest.segments();
        if (segments.size() == 2 && segments.get(1).equalsIgnoreCase("health")) {
            // 503 while a clustered node cannot reach the others: a load balancer should send traffic elsewhere.
            return CompletableFuture.completedFuture(ApiResponses.empty(backplane.isHealthy()
                    ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE));
        }
        if (segments.size() < 4 || !segments.get(1).equalsIgnoreCase("hubs")) {
            throw ApiException.notFound("No operation matches " + request.method() + " " + rest.rawPath() + ".");
        }
        String hub = Names.hub(segments.get(2));
        try {
            tokens.verify(request.headers().get(HttpHeaderNames.AUTHORIZATION), rest.rawPath());
        } catch (AuthException e) {
            throw new ApiException(HttpResponseStatus.UNAUTHORIZED, ErrorBody.UNAUTHORIZED, e.getMessage());
        }
        return routes.dispatch(rest, hub, segments.subList(3, segments.size()));
    }

    private static FullHttpResponse internalError(FullHttpRequest request, Throwable t) {
        log.error("REST {} {} failed", request.method(), request.uri(), t);
        return ApiResponses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, ErrorBody.INTERNAL,
                "The service failed to process the request.");
    }

    private static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive,
            String requestId, boolean head) {
        if (requestId != null) {
            response.headers().set(CLIENT_REQUEST_ID, requestId);
        }
        if (head && response.content().isReadable()) {
            // A HEAD answer never has a body, errors included.
            response.content().release();
            response = response.replace(Unpooled.EMPTY_BUFFER);
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        }
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
