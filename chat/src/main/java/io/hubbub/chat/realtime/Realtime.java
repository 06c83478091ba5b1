package io.hubbub.chat.realtime;

import java.util.List;

/**
 * What the chat needs from the real-time service. {@link WebPubSubRealtime} implements it with the official Azure
 * Web PubSub SDK; events are objects serialized to JSON.
 */
public interface Realtime {

    /** Each room's live stream is this group; role names for it follow from it. */
    static String group(String room) {
        return "room." + room;
    }

    /** A client URL (with its access token) for {@code userId} holding exactly {@code roles}. */
    String clientUrl(String userId, List<String> roles);

    void sendToRoom(String room, Object event);

    void sendToUser(String userId, Object event);

    void sendToAll(Object event);

    /** Puts every open connection of the user into the room's group (no client role needed for that). */
    void addUserToRoom(String userId, String room);

    void removeUserFromRoom(String userId, String room);
}
