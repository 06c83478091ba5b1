package io.hubbub.chat.realtime;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.hubbub.chat.store.ChatMessage;
import io.hubbub.chat.store.DirectMessage;

/**
 * The JSON events browsers receive, each with a {@code type}. Messages carry their stored id, so a client can
 * de-duplicate (the sender sees its own message twice: as the webhook's reply and from the group) and remember the
 * last id it has seen to fetch what it missed.
 */
public final class ClientEvents {

    private ClientEvents() {
    }

    public record Message(long id, String room, String sender, String text, long ts, String nonce) {
        public static Message of(ChatMessage m) {
            return new Message(m.id(), m.room(), m.sender(), m.text(), m.createdAt(), m.nonce());
        }

        @JsonProperty("type")
        String type() {
            return "message";
        }
    }

    public record Direct(long id, String from, String to, String text, long ts, String nonce) {
        public static Direct of(DirectMessage m) {
            return new Direct(m.id(), m.sender(), m.recipient(), m.text(), m.createdAt(), m.nonce());
        }

        @JsonProperty("type")
        String type() {
            return "dm";
        }
    }

    public record Presence(String room, String user, boolean online) {
        @JsonProperty("type")
        String type() {
            return "presence";
        }
    }

    public record Typing(String room, String user) {
        @JsonProperty("type")
        String type() {
            return "typing";
        }
    }

    /** Someone joined or left a room; sent to the room, which includes all of that user's tabs. */
    public record Membership(String room, String user, boolean joined) {
        @JsonProperty("type")
        String type() {
            return "membership";
        }
    }

    /** A room was created; sent to everyone so room lists stay current. */
    public record RoomCreated(String room, String createdBy) {
        @JsonProperty("type")
        String type() {
            return "room";
        }
    }
}
