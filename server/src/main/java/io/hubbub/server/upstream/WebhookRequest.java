package io.hubbub.server.upstream;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;

/**
 * One request to an event handler. {@code headers} already hold {@code Host} and, with a body,
 * {@code Content-Length}; the caller adds the rest. Written as a fresh {@link FullHttpRequest} per attempt, so a
 * request found unsent on a dead keep-alive connection can go again on a new one.
 */
record WebhookRequest(HttpMethod method, WebhookTarget target, HttpHeaders headers, byte[] body, Duration timeout) {

    private static final byte[] NO_BODY = new byte[0];

    static WebhookRequest post(WebhookTarget target, byte[] body, Duration timeout) {
        HttpHeaders headers = newHeaders(target);
        headers.set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return new WebhookRequest(HttpMethod.POST, target, headers, body, timeout);
    }

    static WebhookRequest options(WebhookTarget target, Duration timeout) {
        return new WebhookRequest(HttpMethod.OPTIONS, target, newHeaders(target), NO_BODY, timeout);
    }

    FullHttpRequest toNetty() {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, target.pathAndQuery(),
                Unpooled.wrappedBuffer(body), headers, EmptyHttpHeaders.INSTANCE);
    }

    /** Validating names and values: a user id or connection state must not smuggle a CR/LF into the request. */
    private static HttpHeaders newHeaders(WebhookTarget target) {
        HttpHeaders headers = DefaultHttpHeadersFactory.headersFactory().withValidation(true).newHeaders();
        headers.set(HttpHeaderNames.HOST, target.hostHeader());
        return headers;
    }
}
