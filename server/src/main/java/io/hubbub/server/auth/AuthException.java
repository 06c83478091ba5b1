package io.hubbub.server.auth;

/** A token was absent or invalid; the message says why and is safe to return to the caller. */
public final class AuthException extends Exception {
    public AuthException(String message) {
        super(message, null, false, false);
    }
}
