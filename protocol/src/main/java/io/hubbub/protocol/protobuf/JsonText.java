package io.hubbub.protocol.protobuf;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Checks the {@code json_data} of protobuf clients; the one Jackson factory of this package, thread-safe. */
final class JsonText {

    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            // field names come from untrusted clients: never String.intern() them
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            // proto3 strings are UTF-8 by definition; don't guess UTF-16/32
            .disable(JsonFactory.Feature.CHARSET_DETECTION)
            .build();

    private JsonText() {
    }

    /** Whether {@code utf8} holds exactly one JSON value (surrounding whitespace allowed). */
    static boolean isSingleValue(byte[] utf8) {
        try (JsonParser p = FACTORY.createParser(utf8)) {
            if (p.nextToken() == null) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }
}
