package io.hubbub.chat.store;

/**
 * A stored room message; {@code id} orders messages and is the history cursor. {@code nonce} is the sender's
 * de-duplication key, or null; it is returned in history too, so a client that sent a message and lost the
 * connection before seeing it can recognise it there.
 */
public record ChatMessage(long id, String room, String sender, String text, long createdAt, String nonce) {
}
