package io.hubbub.chat.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hubbub.chat.domain.ChatException;
import io.hubbub.chat.domain.MessageService;
import io.hubbub.chat.domain.Names;
import io.hubbub.chat.domain.PresenceService;
import io.hubbub.chat.domain.TypingService;
import io.hubbub.chat.store.UserDao;
import io.hubbub.chat.web.Bodies;

/**
 * What each event means to the chat. System events: {@code connect} admits only users who signed in here,
 * {@code connected}/{@code disconnected} drive presence. User events (JSON data): {@code message} {room, text,
 * nonce?}, {@code dm} {to, text, nonce?}, {@code typing} {room}. A refused event throws {@link ChatException}: its
 * status goes back to the service, which acks the client's request with an error.
 */
public final class EventDispatcher {

    /** A chat event's JSON envelope around a text of at most {@link Names#MAX_TEXT_BYTES}. */
    static final int MAX_EVENT_BYTES = Names.MAX_TEXT_BYTES + 1024;

    private final UserDao users;
    private final PresenceService presence;
    private final MessageService messages;
    private final TypingService typing;
    private final ObjectMapper json;

    public EventDispatcher(UserDao users, PresenceService presence, MessageService messages, TypingService typing,
            ObjectMapper json) {
        this.users = users;
        this.presence = presence;
        this.messages = messages;
        this.typing = typing;
        this.json = json;
    }

    /** The answer to the service: null body = 204, nothing relayed; else 200 with JSON relayed to the sender. */
    record Reply(Object body) {
        static final Reply EMPTY = new Reply(null);
    }

    Reply dispatch(CloudEvent event) {
        if (event.isSystem()) {
            return system(event);
        }
        if (event.isUser()) {
            return user(event);
        }
        throw ChatException.badRequest("unknown ce-type " + event.type());
    }

    private Reply system(CloudEvent event) {
        String name = event.type().substring(CloudEvent.SYSTEM_PREFIX.length());
        switch (name) {
            case "connect" -> {
                if (event.userId() == null) {
                    throw ChatException.unauthorized("anonymous connections are not allowed: get a URL from "
                            + "POST /negotiate");
                }
                if (users.find(event.userId()).isEmpty()) {
                    throw ChatException.unauthorized("unknown user '" + event.userId() + "': sign in first");
                }
            }
            case "connected" -> {
                if (event.userId() != null) {
                    presence.connected(event.userId(), event.connectionId());
                }
            }
            case "disconnected" -> {
                if (event.userId() != null) {
                    presence.disconnected(event.userId(), event.connectionId());
                }
            }
            default -> throw ChatException.badRequest("unknown system event " + name);
        }
        return Reply.EMPTY;
    }

    private Reply user(CloudEvent event) {
        if (event.userId() == null) {
            throw ChatException.unauthorized("anonymous connections cannot chat");
        }
        if (event.body().length > MAX_EVENT_BYTES) {
            throw ChatException.tooLarge("event larger than " + MAX_EVENT_BYTES + " bytes");
        }
        if (!event.mediaType().equals("application/json")) {
            throw ChatException.badRequest("chat events carry JSON (dataType json), not " + event.mediaType());
        }
        JsonNode data = Bodies.object(json, event.body(), false);
        String name = event.type().substring(CloudEvent.USER_PREFIX.length());
        String user = event.userId();
        return switch (name) {
            case "message" -> new Reply(messages.postToRoom(user, Bodies.requiredString(data, "room"),
                    Bodies.requiredString(data, "text"), Bodies.string(data, "nonce")));
            case "dm" -> new Reply(messages.postDirect(user, Bodies.requiredString(data, "to"),
                    Bodies.requiredString(data, "text"), Bodies.string(data, "nonce")));
            case "typing" -> {
                typing.typing(user, Bodies.requiredString(data, "room"));
                yield Reply.EMPTY;
            }
            default -> throw ChatException.badRequest("unknown event '" + name + "'; known: message, dm, typing");
        };
    }
}
