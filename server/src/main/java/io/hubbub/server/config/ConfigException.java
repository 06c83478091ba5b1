package io.hubbub.server.config;

/** Invalid configuration: the message says which setting and why, and is shown to the operator as is. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
