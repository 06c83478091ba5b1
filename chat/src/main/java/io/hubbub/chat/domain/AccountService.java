package io.hubbub.chat.domain;

import io.hubbub.chat.realtime.Realtime;
import io.hubbub.chat.store.Store;
import java.util.List;
import java.util.function.LongSupplier;

/** Sign-in by name (no passwords) and the client URL a signed-in user connects with. */
public final class AccountService {

    private final Store store;
    private final Realtime realtime;
    private final RoomService rooms;
    private final LongSupplier clock;

    public AccountService(Store store, Realtime realtime, RoomService rooms, LongSupplier clock) {
        this.store = store;
        this.realtime = realtime;
        this.rooms = rooms;
        this.clock = clock;
    }

    /** What {@code POST /negotiate} answers. */
    public record Negotiated(String url, String userId, String room, List<String> rooms) {
    }

    /** The user id for {@code name}: the first spelling anyone signed in with, or this one if new. */
    public String signIn(String name) {
        String candidate = Names.userId(name);
        store.users().insert(candidate, clock.getAsLong());
        return store.users().find(candidate).orElseThrow();
    }

    /**
     * Joins {@code room} (default {@link RoomService#DEFAULT_ROOM}) and mints a client URL whose token lets the
     * client join and leave the groups of exactly the rooms it belongs to. No send role: every chat message goes
     * through the webhook, which stores it before publishing, so a client able to publish to a group could skip that.
     */
    public Negotiated negotiate(String userId, String room) {
        store.users().insert(userId, clock.getAsLong()); // the cookie outlives a wiped database
        String target = room == null || room.isBlank() ? RoomService.DEFAULT_ROOM : Names.room(room);
        rooms.join(userId, target);
        List<String> mine = rooms.roomsOf(userId);
        List<String> roles = mine.stream().map(r -> "webpubsub.joinLeaveGroup." + Realtime.group(r)).toList();
        return new Negotiated(realtime.clientUrl(userId, roles), userId, target, mine);
    }
}
