package io.hubbub.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

/** The one Jackson factory of this codec; thread-safe and immutable once built. */
final class JsonSupport {

    static final JsonFactory FACTORY = new JsonFactoryBuilder()
            // field names come from untrusted clients: canonicalize (bounded table) but never String.intern()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            // WebSocket text frames are UTF-8 by definition (RFC 6455); don't guess UTF-16/32
            .disable(JsonFactory.Feature.CHARSET_DETECTION)
            // write non-BMP characters as 4-byte UTF-8 rather than as escaped surrogate pairs
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private JsonSupport() {
    }

    /** Parses an unsigned 64-bit decimal: ASCII digits only, at most 2^64-1; null when it is not one. */
    static Long parseUnsigned(String digits) {
        if (digits == null || digits.isEmpty()) {
            return null;
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        try {
            return Long.parseUnsignedLong(digits);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }
}
