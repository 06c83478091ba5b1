package io.hubbub.server.gateway;

import io.hubbub.protocol.rest.ErrorBody;
import io.hubbub.server.api.ApiResponses;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.TimeUnit;

/**
 * Aggregates REST bodies up to the message size limit. A larger body gets {@code 413} with the Azure error body;
 * the rest of it is read and discarded before the connection closes, because closing with unread bytes resets the
 * connection and the client would never see the answer.
 */
final class RequestAggregator extends HttpObjectAggregator {

    static final String CLIENT_REQUEST_ID = "x-ms-client-request-id";
    private static final long DISCARD_TIMEOUT_SECONDS = 10;

    private final int maxBytes;
    private boolean closeAfterBody;

    RequestAggregator(int maxBytes) {
        // Close after refusing an 'Expect: 100-continue' upload: the client has not sent its body, so nothing is
        // left unread, and some clients (the JDK's) wait forever on a kept connection after a refusal.
        super(maxBytes, true);
        this.maxBytes = maxBytes;
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object response = super.newContinueResponse(start, maxContentLength, pipeline);
        if (response instanceof FullHttpResponse r && r.status().code() == 413) {
            FullHttpResponse refused = tooLarge(start);
            refused.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            return refused;
        }
        if (response instanceof FullHttpResponse r && r.status().code() == 417) {
            FullHttpResponse failed = ApiResponses.error(HttpResponseStatus.EXPECTATION_FAILED, ErrorBody.BAD_REQUEST,
                    "Only 'Expect: 100-continue' is supported.");
            failed.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            echoRequestId(start, failed);
            return failed;
        }
        return response;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        FullHttpResponse response = tooLarge(oversized);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        // Lingering close: finish our side so the client sees the answer and EOF, keep reading (and discarding) its
        // body, and close once it is all in.
        ctx.writeAndFlush(response).addListener(f -> {
            if (ctx.channel() instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
            }
        });
        closeAfterBody = true;
        ctx.executor().schedule(() -> {
            ctx.close();
        }, DISCARD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        boolean last = msg instanceof LastHttpContent;
        super.channelRead(ctx, msg);
        if (closeAfterBody && last) {
            ctx.close();
        }
    }

    private FullHttpResponse tooLarge(HttpMessage request) {
        FullHttpResponse response = ApiResponses.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                ErrorBody.PAYLOAD_TOO_LARGE, "The request body exceeds the limit of " + maxBytes + " bytes.");
        echoRequestId(request, response);
        return response;
    }

    static void echoRequestId(HttpMessage request, FullHttpResponse response) {
        String id = request.headers().get(CLIENT_REQUEST_ID);
        if (id != null) {
            response.headers().set(CLIENT_REQUEST_ID, id);
        }
    }
}
