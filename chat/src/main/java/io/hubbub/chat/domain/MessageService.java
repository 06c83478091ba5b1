package io.hubbub.chat.domain;

import io.hubbub.chat.realtime.ClientEvents;
import io.hubbub.chat.realtime.Realtime;
import io.hubbub.chat.store.ChatMessage;
import io.hubbub.chat.store.DirectMessage;
import io.hubbub.chat.store.DirectMessageDao;
import io.hubbub.chat.store.Store;
import java.util.function.LongSupplier;

/**
 * Room and direct messages: validated, stored, and only then published. Publishing is best effort: a stored
 * message that did not reach a client live is fetched by it on its next catch-up (by last seen id).
 */
public final class MessageService {

    private final Store store;
    private final Realtime realtime;
    private final RoomService rooms;
    private final RateLimiter rateLimiter;
    private final LongSupplier clock;
    private final KeyedLocks locks = new KeyedLocks();

    public MessageService(Store store, Realtime realtime, RoomService rooms, RateLimiter rateLimiter,
            LongSupplier clock) {
        this.store = store;
        this.realtime = realtime;
        this.rooms = rooms;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
    }

    /** A member's message to a room. A nonce already used by the sender returns (and re-sends) the stored one. */
    public ClientEvents.Message postToRoom(String sender, String room, String text, String nonce) {
        rooms.require(room);
        Names.text(text);
        Names.nonce(nonce);
        rooms.requireMember(sender, room);
        limit(sender);
        return storeAndPublish(sender, room, text, nonce);
    }

    /** A server-initiated message, from {@link Names#SYSTEM_USER}, not rate limited. */
    public ClientEvents.Message postSystemMessage(String room, String text) {
        rooms.require(room);
        Names.text(text);
        return storeAndPublish(Names.SYSTEM_USER, room, text, null);
    }

    public ClientEvents.Direct postDirect(String sender, String recipient, String text, String nonce) {
        String to = requireUser(recipient);
        if (to.equals(sender)) {
            throw ChatException.badRequest("a direct message needs another user than yourself");
        }
        if (to.equals(Names.SYSTEM_USER)) {
            throw ChatException.badRequest("'" + Names.SYSTEM_USER + "' only sends messages");
        }
        Names.text(text);
        Names.nonce(nonce);
        limit(sender);
        return storeAndPublishDirect(sender, to, text, nonce);
    }

    public ClientEvents.Direct postSystemDirect(String recipient, String text) {
        String to = requireUser(recipient);
        Names.text(text);
        return storeAndPublishDirect(Names.SYSTEM_USER, to, text, null);
    }

    private ClientEvents.Message storeAndPublish(String sender, String room, String text, String nonce) {
        return locks.withLock("room:" + room, () -> {
            long now = clock.getAsLong();
            // an empty insert means the nonce was used before: this is a retry, answer with the stored message
            ChatMessage stored = store.messages().insert(room, sender, text, now, nonce)
                    .map(id -> new ChatMessage(id, room, sender, text, now, nonce))
                    .orElseGet(() -> store.messages().findByNonce(sender, nonce).orElseThrow());
            ClientEvents.Message event = ClientEvents.Message.of(stored);
            RoomService.publish(() -> realtime.sendToRoom(stored.room(), event));
            return event;
        });
    }

    private ClientEvents.Direct storeAndPublishDirect(String sender, String to, String text, String nonce) {
        String pair = DirectMessageDao.pair(sender, to);
        return locks.withLock("dm:" + pair, () -> {
            long now = clock.getAsLong();
            DirectMessage stored = store.directMessages().insert(pair, sender, to, text, now, nonce)
                    .map(id -> new DirectMessage(id, sender, to, text, now, nonce))
                    .orElseGet(() -> store.directMessages().findByNonce(sender, nonce).orElseThrow());
            ClientEvents.Direct event = ClientEvents.Direct.of(stored);
            RoomService.publish(() -> realtime.sendToUser(to, event));
            if (!sender.equals(Names.SYSTEM_USER)) {
                // the sender's other tabs show the conversation too
                RoomService.publish(() -> realtime.sendToUser(sender, event));
            }
            return event;
        });
    }

    private String requireUser(String candidate) {
        if (candidate == null || candidate.isBlank()) {
            throw ChatException.badRequest("say who the message is for");
        }
        return store.users().find(candidate.trim())
                .orElseThrow(() -> ChatException.notFound("no user '" + candidate + "' has signed in yet"));
    }

    private void limit(String sender) {
        if (!rateLimiter.tryAcquire(sender)) {
            throw ChatException.rateLimited("'" + sender + "' is sending too fast; wait a moment");
        }
    }
}
