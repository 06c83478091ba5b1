package io.hubbub.chat.domain;

import io.hubbub.chat.realtime.ClientEvents;
import io.hubbub.chat.store.Conversation;
import io.hubbub.chat.store.DirectMessageDao;
import io.hubbub.chat.store.Store;
import java.util.List;

/** Reading stored messages by cursor: room histories and direct-message conversations. */
public final class HistoryService {

    private final Store store;
    private final RoomService rooms;

    public HistoryService(Store store, RoomService rooms) {
        this.store = store;
        this.rooms = rooms;
    }

    public Page<ClientEvents.Message> room(String room, Cursor cursor) {
        rooms.require(room);
        // one row more than asked tells whether there is more
        int probe = cursor.limit() + 1;
        if (cursor.after() != null) {
            return Page.of(store.messages().after(room, cursor.after(), probe), cursor.limit(), false)
                    .map(ClientEvents.Message::of);
        }
        long before = cursor.before() == null ? Long.MAX_VALUE : cursor.before();
        return Page.of(store.messages().before(room, before, probe), cursor.limit(), true)
                .map(ClientEvents.Message::of);
    }

    public Page<ClientEvents.Direct> conversation(String userId, String peer, Cursor cursor) {
        String other = store.users().find(peer == null ? "" : peer.trim())
                .orElseThrow(() -> ChatException.notFound("no user '" + peer + "' has signed in yet"));
        String pair = DirectMessageDao.pair(userId, other);
        int probe = cursor.limit() + 1;
        if (cursor.after() != null) {
            return Page.of(store.directMessages().after(pair, cursor.after(), probe), cursor.limit(), false)
                    .map(ClientEvents.Direct::of);
        }
        long before = cursor.before() == null ? Long.MAX_VALUE : cursor.before();
        return Page.of(store.directMessages().before(pair, before, probe), cursor.limit(), true)
                .map(ClientEvents.Direct::of);
    }

    public List<Conversation> conversations(String userId) {
        return store.directMessages().conversations(userId);
    }
}
