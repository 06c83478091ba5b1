package io.hubbub.server.hub;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ackIds a connection has used, so a repeated request is answered {@code Duplicate} instead of being processed
 * twice. Bounded: at most {@link #MAX_ENTRIES} ids, each kept {@link #RETENTION_NANOS}. Only accessed on the
 * connection's event loop.
 */
final class AckMemory {

    static final int MAX_ENTRIES = 10_000;
    static final long RETENTION_NANOS = 10L * 60 * 1_000_000_000L;

    private final LinkedHashMap<Long, Long> seenAt = new LinkedHashMap<>();

    /** Records {@code ackId}; false if it was already recorded (a duplicate). */
    boolean firstUse(long ackId, long nowNanos) {
        expire(nowNanos);
        if (seenAt.containsKey(ackId)) {
            return false;
        }
        seenAt.put(ackId, nowNanos);
        if (seenAt.size() > MAX_ENTRIES) {
            Iterator<Long> eldest = seenAt.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return true;
    }

    /** Forgets {@code ackId} after a failure, so a client retry with the same id is processed again. */
    void forget(long ackId) {
        seenAt.remove(ackId);
    }

    private void expire(long nowNanos) {
        for (Iterator<Map.Entry<Long, Long>> it = seenAt.entrySet().iterator(); it.hasNext(); ) {
            if (nowNanos - it.next().getValue() > RETENTION_NANOS) {
                it.remove();
            } else {
                return;
            }
        }
    }
}
