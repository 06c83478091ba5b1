package io.hubbub.chat.domain;

import io.hubbub.chat.realtime.ClientEvents;
import io.hubbub.chat.realtime.Realtime;
import io.hubbub.chat.store.Room;
import io.hubbub.chat.store.Store;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Rooms and who belongs to them. Membership is stored; the service's groups follow it. */
public final class RoomService {

    public static final String DEFAULT_ROOM = "general";
    private static final Logger log = LoggerFactory.getLogger(RoomService.class);

    private final Store store;
    private final Realtime realtime;
    private final PresenceTracker presence;
    private final LongSupplier clock;

    public RoomService(Store store, Realtime realtime, PresenceTracker presence, LongSupplier clock) {
        this.store = store;
        this.realtime = realtime;
        this.presence = presence;
        this.clock = clock;
    }

    /** A room as one user sees it in the room list. */
    public record RoomView(String name, String createdBy, long lastMessageId, boolean member) {
    }

    /** A member of a room and whether they are online (with how many connections). */
    public record Member(String userId, boolean online, int connections) {
    }

    public List<RoomView> list(String userId) {
        List<String> mine = userId == null ? List.of() : store.memberships().roomsOf(userId);
        return store.rooms().list().stream()
                .map(r -> new RoomView(r.name(), r.createdBy(), r.lastMessageId(), mine.contains(r.name())))
                .toList();
    }

    public Room require(String room) {
        return store.rooms().find(Names.room(room))
                .orElseThrow(() -> ChatException.notFound("no room '" + room + "'"));
    }

    public void requireMember(String userId, String room) {
        if (!store.memberships().isMember(room, userId)) {
            throw ChatException.forbidden("'" + userId + "' is not a member of room '" + room + "': join it first");
        }
    }

    /** Creates a room and makes its creator a member. */
    public Room create(String userId, String name) {
        String room = Names.room(name);
        if (store.rooms().insert(room, userId, clock.getAsLong()) == 0) {
            throw ChatException.conflict("room '" + room + "' already exists");
        }
        publish(() -> realtime.sendToAll(new ClientEvents.RoomCreated(room, userId)));
        join(userId, room);
        return require(room);
    }

    /**
     * Joins (idempotent): the user's open connections enter the room's group and, if new, the room hears of it. The
     * group add runs even for a member, so joining again repairs a connection that missed it.
     */
    public boolean join(String userId, String room) {
        require(room);
        boolean joined = store.memberships().join(room, userId, clock.getAsLong()) == 1;
        // awaited before answering, so a client that then fetches history misses nothing in between
        publish(() -> realtime.addUserToRoom(userId, room));
        if (joined) {
            publish(() -> realtime.sendToRoom(room, new ClientEvents.Membership(room, userId, true)));
            if (presence.isOnline(userId)) {
                publish(() -> realtime.sendToRoom(room, new ClientEvents.Presence(room, userId, true)));
            }
        }
        return joined;
    }

    public boolean leave(String userId, String room) {
        require(room);
        if (store.memberships().leave(room, userId) == 0) {
            return false;
        }
        // told before the removal, so the user's other tabs hear it too and drop the room
        publish(() -> realtime.sendToRoom(room, new ClientEvents.Membership(room, userId, false)));
        publish(() -> realtime.removeUserFromRoom(userId, room));
        return true;
    }

    public List<Member> members(String room) {
        require(room);
        return store.memberships().membersOf(room).stream()
                .map(u -> new Member(u, presence.isOnline(u), presence.connections(u)))
                .toList();
    }

    public List<String> roomsOf(String userId) {
        return store.memberships().roomsOf(userId);
    }

    /** Live notifications are best effort: what they announce is stored and can be fetched. */
    static void publish(Runnable send) {
        try {
            send.run();
        } catch (RuntimeException e) {
            log.warn("could not publish to the real-time service: {}", e.toString());
        }
    }
}
