package io.hubbub.server.gateway;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * The pipeline of every accepted connection, in order. REST requests stay on it; a client upgrade replaces the HTTP
 * handlers with WebSocket ones in front of the exception tail ({@link ClientHandshake}).
 */
public final class GatewayInitializer extends ChannelInitializer<Channel> {

    public static final String HTTP_CODEC = "http-codec";
    public static final String HTTP_AGGREGATOR = "http-aggregator";
    public static final String HTTP_DISPATCHER = "http-dispatcher";
    public static final String EXCEPTION_TAIL = "exception-tail";

    private static final int MAX_INITIAL_LINE = 16 * 1024;
    private static final int MAX_HEADER_SIZE = 32 * 1024;

    private final HttpRequestDispatcher dispatcher;
    private final int maxBodyBytes;

    public GatewayInitializer(HttpRequestDispatcher dispatcher, int maxBodyBytes) {
        this.dispatcher = dispatcher;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast(HTTP_CODEC, new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, 64 * 1024));
        p.addLast(HTTP_AGGREGATOR, new RequestAggregator(maxBodyBytes));
        p.addLast(HTTP_DISPATCHER, dispatcher);
        p.addLast(EXCEPTION_TAIL, GatewayExceptionHandler.INSTANCE);
    }
}
