package io.hubbub.chat.domain;

import io.hubbub.chat.realtime.ClientEvents;
import io.hubbub.chat.realtime.Realtime;
import io.hubbub.chat.store.Store;

/**
 * Turns the service's connected/disconnected events into presence changes of each room the user belongs to. Only
 * the first connection and the last disconnection of a user change anything, so several tabs count right.
 */
public final class PresenceService {

    private final Store store;
    private final Realtime realtime;
    private final PresenceTracker tracker;

    public PresenceService(Store store, Realtime realtime, PresenceTracker tracker) {
        this.store = store;
        this.realtime = realtime;
        this.tracker = tracker;
    }

    public void connected(String userId, String connectionId) {
        if (tracker.connected(userId, connectionId)) {
            announce(userId, true);
        }
    }

    public void disconnected(String userId, String connectionId) {
        if (tracker.disconnected(userId, connectionId)) {
            announce(userId, false);
        }
    }

    private void announce(String userId, boolean online) {
        for (String room : store.memberships().roomsOf(userId)) {
            RoomService.publish(() -> realtime.sendToRoom(room, new ClientEvents.Presence(room, userId, online)));
        }
    }
}
