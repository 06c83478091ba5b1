package io.hubbub.server.upstream;

/** Told of every call to an event handler (metrics). Called from event loops: must not block. */
@FunctionalInterface
public interface WebhookObserver {

    WebhookObserver NONE = (status, nanos) -> { };

    /** One attempt took {@code nanos}; {@code status} is the HTTP status, or 0 when no answer came. */
    void attempted(int status, long nanos);
}
