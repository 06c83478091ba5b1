package io.hubbub.chat.domain;

import io.hubbub.chat.realtime.ClientEvents;
import io.hubbub.chat.realtime.Realtime;

/** "X is typing" signals: checked, throttled, relayed to the room, never stored. */
public final class TypingService {

    private final RoomService rooms;
    private final Realtime realtime;
    private final TypingThrottle throttle;

    public TypingService(RoomService rooms, Realtime realtime, TypingThrottle throttle) {
        this.rooms = rooms;
        this.realtime = realtime;
        this.throttle = throttle;
    }

    /** True if relayed; false if dropped by the throttle (not an error: the last signal is still fresh). */
    public boolean typing(String userId, String room) {
        rooms.require(room);
        rooms.requireMember(userId, room);
        if (!throttle.allow(userId, room)) {
            return false;
        }
        RoomService.publish(() -> realtime.sendToRoom(room, new ClientEvents.Typing(room, userId)));
        return true;
    }
}
