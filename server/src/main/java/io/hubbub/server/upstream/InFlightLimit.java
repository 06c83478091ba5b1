package io.hubbub.server.upstream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The node-wide bound on requests in flight: excess requests wait in arrival order, and each freed slot goes to
 * the oldest waiter instead of opening ever more connections. Any thread.
 */
final class InFlightLimit {

    private final int max;
    private final ArrayDeque<Exchange> waiting = new ArrayDeque<>(); // guarded by this
    private int inFlight; // guarded by this

    InFlightLimit(int max) {
        this.max = max;
    }

    /** True if {@code exchange} holds a slot now; false if it waits until {@link #release} hands it one. */
    synchronized boolean tryAcquire(Exchange exchange) {
        if (inFlight < max) {
            inFlight++;
            return true;
        }
        waiting.add(exchange);
        return false;
    }

    /** Frees a slot, or hands it over: returns the waiter that now holds it, or null. */
    synchronized Exchange release() {
        Exchange next = waiting.poll();
        if (next == null) {
            inFlight--;
        }
        return next;
    }

    synchronized boolean isIdle() {
        return inFlight == 0 && waiting.isEmpty();
    }

    /** Removes every waiter (they hold no slot). */
    synchronized List<Exchange> removeWaiting() {
        List<Exchange> all = new ArrayList<>(waiting);
        waiting.clear();
        return all;
    }
}
