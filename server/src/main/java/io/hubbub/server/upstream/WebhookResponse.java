package io.hubbub.server.upstream;

import java.net.http.HttpHeaders;

/** An event handler's answer: status, headers and the (size-limited) body. */
record WebhookResponse(int status, HttpHeaders headers, byte[] body) {

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The media type of the body, lower-cased, without parameters; "" if absent. */
    String mediaType() {
        String type = headers.firstValue("Content-Type").orElse("");
        int semicolon = type.indexOf(';');
        return (semicolon >= 0 ? type.substring(0, semicolon) : type).trim().toLowerCase(java.util.Locale.ROOT);
    }
}
