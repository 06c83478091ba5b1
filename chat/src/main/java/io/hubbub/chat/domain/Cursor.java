package io.hubbub.chat.domain;

/**
 * Where a history page starts: {@code after} a last seen id (catching up, oldest first), or {@code before} an id
 * (scrolling back; none = the latest messages). Both at once is an error.
 */
public record Cursor(Long before, Long after, int limit) {

    public Cursor {
        if (before != null && after != null) {
            throw ChatException.badRequest("give either before or after, not both");
        }
        if (before != null && before < 1 || after != null && after < 0) {
            throw ChatException.badRequest("before must be positive and after must not be negative");
        }
    }

    public static Cursor latest() {
        return new Cursor(null, null, Page.DEFAULT_LIMIT);
    }
}
