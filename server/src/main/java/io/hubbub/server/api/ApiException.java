package io.hubbub.server.api;

import io.hubbub.protocol.rest.ErrorBody;
import io.netty.handler.codec.http.HttpResponseStatus;

/** A REST call failed for a reason the caller must see: becomes the Azure error body with this status and code. */
public final class ApiException extends RuntimeException {

    private final HttpResponseStatus status;
    private final String code;

    public ApiException(HttpResponseStatus status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, ErrorBody.BAD_REQUEST, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpResponseStatus.NOT_FOUND, ErrorBody.NOT_FOUND, message);
    }

    public HttpResponseStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
