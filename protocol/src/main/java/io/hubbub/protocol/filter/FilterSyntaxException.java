package io.hubbub.protocol.filter;

/** A filter expression that cannot be parsed or type-checked; the message names the problem and is safe to return. */
public final class FilterSyntaxException extends IllegalArgumentException {
    public FilterSyntaxException(String message) {
        super(message);
    }
}
