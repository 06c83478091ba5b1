package io.hubbub.server.gateway;

import io.hubbub.protocol.rest.ErrorBody;
import io.hubbub.server.api.ApiResponses;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;

/** Aggregates REST bodies up to the message size limit; larger ones get {@code 413} with the Azure error body. */
final class RequestAggregator extends HttpObjectAggregator {

    private final int maxBytes;

    RequestAggregator(int maxBytes) {
        super(maxBytes);
        this.maxBytes = maxBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        // The rest of the body is still on its way: answer and close rather than read it.
        ctx.writeAndFlush(ApiResponses.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, ErrorBody.PAYLOAD_TOO_LARGE,
                "The request body exceeds the limit of " + maxBytes + " bytes."))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
