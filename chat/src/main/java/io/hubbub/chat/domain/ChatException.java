package io.hubbub.chat.domain;

/**
 * A request the app refuses, with the HTTP status that says why and a stable code clients can switch on. The web
 * layer turns it into {@code {"error":{"code","message"}}}; the webhook turns it into the same status, which the
 * service reports to the sending client as a failed ack.
 */
public final class ChatException extends RuntimeException {

    private final int status;
    private final String code;

    public ChatException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static ChatException badRequest(String message) {
        return new ChatException(400, "BadRequest", message);
    }

    public static ChatException unauthorized(String message) {
        return new ChatException(401, "Unauthorized", message);
    }

    public static ChatException forbidden(String message) {
        return new ChatException(403, "Forbidden", message);
    }

    public static ChatException notFound(String message) {
        return new ChatException(404, "NotFound", message);
    }

    public static ChatException conflict(String message) {
        return new ChatException(409, "Conflict", message);
    }

    public static ChatException tooLarge(String message) {
        return new ChatException(413, "TooLarge", message);
    }

    public static ChatException rateLimited(String message) {
        return new ChatException(429, "RateLimited", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
