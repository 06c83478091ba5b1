package io.hubbub.chat.domain;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Lets one typing signal per user and room through per interval. Clients send one per keystroke burst; receivers
 * show "X is typing" for a few seconds, so more often than the interval only costs fan-out.
 */
public final class TypingThrottle {

    private static final int PRUNE_ABOVE = 10_000;

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Long> lastSent = new ConcurrentHashMap<>();

    public TypingThrottle(long intervalMillis, LongSupplier nanoClock) {
        this.intervalNanos = intervalMillis * 1_000_000;
        this.nanoClock = nanoClock;
    }

    /** True if a typing signal of {@code user} in {@code room} should go out now. */
    public boolean allow(String user, String room) {
        long now = nanoClock.getAsLong();
        if (lastSent.size() > PRUNE_ABOVE) {
            lastSent.values().removeIf(t -> now - t > intervalNanos);
        }
        boolean[] allowed = {false};
        lastSent.compute(user + "|" + room, (k, last) -> {
            if (last == null || now - last >= intervalNanos) {
                allowed[0] = true;
                return now;
            }
            return last;
        });
        return allowed[0];
    }
}
