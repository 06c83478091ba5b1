package io.hubbub.chat.store;

/** A stored direct message between two users; {@code nonce} as in {@link ChatMessage}. */
public record DirectMessage(long id, String sender, String recipient, String text, long createdAt, String nonce) {
}
