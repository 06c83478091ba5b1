package io.hubbub.chat.store;

/** A chat room; {@code lastMessageId} is 0 while it has no messages (clients compare it for unread markers). */
public record Room(String name, String createdBy, long createdAt, long lastMessageId) {
}
