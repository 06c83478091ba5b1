package io.hubbub.chat.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/** Part of a history, oldest first; {@code hasMore} says whether the cursor's direction holds more. */
public record Page<T>(List<T> items, boolean hasMore) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ChatException.badRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }

    /** From a query that read one row more than {@code limit}, newest first when {@code newestFirst}. */
    static <T> Page<T> of(List<T> rows, int limit, boolean newestFirst) {
        boolean more = rows.size() > limit;
        List<T> items = more ? rows.subList(0, limit) : rows;
        if (newestFirst) {
            items = new ArrayList<>(items);
            Collections.reverse(items);
        }
        return new Page<>(List.copyOf(items), more);
    }

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), hasMore);
    }
}
