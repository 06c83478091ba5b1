package io.hubbub.conformance.js;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An SDK call that threw in Node: the fields a JS caller would inspect on the error ({@code RestError}:
 * {@code statusCode}, {@code code}; {@code SendMessageError}: {@code ackId}, {@code errorDetail}).
 */
public final class JsError extends RuntimeException {

    private final JsonNode error;

    JsError(JsonNode error) {
        super(error.path("name").asText() + ": " + error.path("message").asText()
                + (error.has("status") ? " (status " + error.path("status").asInt() + ")" : "")
                + (error.has("code") ? " (code " + error.path("code").asText() + ")" : "")
                + (error.has("errorDetail") ? " " + error.path("errorDetail") : ""));
        this.error = error;
    }

    /** The JS error's {@code name}: {@code RestError}, {@code SendMessageError}, {@code InvocationError}, ... */
    String name() {
        return error.path("name").asText();
    }

    /** The JS error's {@code message}. */
    String jsMessage() {
        return error.path("message").asText();
    }

    /** {@code RestError.statusCode}, or -1. */
    int status() {
        return error.path("status").asInt(-1);
    }

    /** {@code RestError.code}, from the {@code x-ms-error-code} header or the body; null if absent. */
    String code() {
        return error.hasNonNull("code") ? error.path("code").asText() : null;
    }

    /** The {@code x-ms-error-code} header of the failed response ({@code error.response.headers}); null if absent. */
    String errorCodeHeader() {
        return error.hasNonNull("errorCodeHeader") ? error.path("errorCodeHeader").asText() : null;
    }

    /** {@code SendMessageError.errorDetail.name}: the ack's error name; null if absent. */
    String ackErrorName() {
        JsonNode detail = error.path("errorDetail").path("name");
        return detail.isMissingNode() ? null : detail.asText();
    }

    /** {@code SendMessageError.errorDetail.message}: the ack's error text; null if absent. */
    String ackErrorMessage() {
        JsonNode detail = error.path("errorDetail").path("message");
        return detail.isMissingNode() ? null : detail.asText();
    }
}
