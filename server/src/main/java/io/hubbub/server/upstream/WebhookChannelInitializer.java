package io.hubbub.server.upstream;

import io.hubbub.server.upstream.WebhookTarget.Origin;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/** The pipeline of a connection to an event handler: TLS for https, HTTP/1.1, the exchange. */
final class WebhookChannelInitializer extends ChannelInitializer<Channel> {

    static final String TLS = "tls";
    static final String HTTP = "http";
    static final String EXCHANGE = "exchange";
    /** Room for a 4 KB ce-connectionState and then some; a larger header block fails the request. */
    static final int MAX_HEADER_BYTES = 64 * 1024;

    private final Origin origin;
    private final SslContext ssl;
    private final WebhookResponseHandler exchange;

    /** {@code ssl}: null for plain http. */
    WebhookChannelInitializer(Origin origin, SslContext ssl, WebhookResponseHandler exchange) {
        this.origin = origin;
        this.ssl = ssl;
        this.exchange = exchange;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        if (ssl != null) {
            p.addLast(TLS, tls(ch));
        }
        p.addLast(HTTP, new HttpClientCodec(new HttpDecoderConfig().setMaxHeaderSize(MAX_HEADER_BYTES), false, false));
        p.addLast(EXCHANGE, exchange);
    }

    /** SNI with the host name, and the certificate must name that host, whatever the context was built with. */
    private SslHandler tls(Channel ch) {
        SslHandler handler = ssl.newHandler(ch.alloc(), origin.host(), origin.port());
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        return handler;
    }
}
