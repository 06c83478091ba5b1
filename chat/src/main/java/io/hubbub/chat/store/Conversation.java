package io.hubbub.chat.store;

/** One user's direct-message conversation with {@code peer}, for the DM list and its unread markers. */
public record Conversation(String peer, long lastMessageId) {
}
