package io.hubbub.protocol.json;

/** {@code {"type":"ping"}}, answered with {@code {"type":"pong"}}. */
public record Ping() implements ClientMessage {
}
