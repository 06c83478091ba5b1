package io.hubbub.chat.domain;

import java.util.function.Supplier;

/**
 * A fixed set of locks picked by key hash. Storing and publishing a room's message under its lock makes ids and
 * delivery order agree within a room, and closes the window in which a PostgreSQL sequence could let a reader see
 * id N+1 committed before id N (a client catching up "after N+1" would then skip N forever).
 */
final class KeyedLocks {

    private final Object[] locks = new Object[64];

    KeyedLocks() {
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    <T> T withLock(String key, Supplier<T> action) {
        synchronized (locks[Math.floorMod(key.hashCode(), locks.length)]) {
            return action.get();
        }
    }
}
