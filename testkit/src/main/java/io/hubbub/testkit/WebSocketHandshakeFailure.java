package io.hubbub.testkit;

/**
 * A WebSocket opening handshake that did not end in {@code 101 Switching Protocols}: the server answered with
 * another status, or no HTTP answer was had at all (refused, timed out, reset), in which case
 * {@link #statusCode()} is {@code -1}.
 */
public final class WebSocketHandshakeFailure extends RuntimeException {

    private final int statusCode;
    private final String body;

    WebSocketHandshakeFailure(String message, int statusCode, String body, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
        this.body = body == null ? "" : body;
    }

    /** The HTTP status of the server's answer, or {@code -1} when there was none. */
    public int statusCode() {
        return statusCode;
    }

    /** The body of the server's answer as text; empty when there was none or the JDK did not keep it. */
    public String body() {
        return body;
    }
}
