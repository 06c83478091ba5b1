package io.hubbub.server.upstream;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Locale;

/** An event handler's answer: status, headers (names case-insensitive) and the (size-limited) body. */
record WebhookResponse(int status, HttpHeaders headers, byte[] body) {

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The media type of the body, lower-cased, without parameters; "" if absent. */
    String mediaType() {
        String type = headers.get(HttpHeaderNames.CONTENT_TYPE, "");
        int semicolon = type.indexOf(';');
        return (semicolon >= 0 ? type.substring(0, semicolon) : type).trim().toLowerCase(Locale.ROOT);
    }
}
