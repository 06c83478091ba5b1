package io.hubbub.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;

/**
 * Whether bytes are one JSON value: for JSON payloads from any source (REST bodies, protobuf {@code json_data},
 * handler replies), which are passed through unchanged and so must be checked once where they enter.
 */
public final class JsonText {

    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            // field names come from untrusted sources: never String.intern() them
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            // payloads are UTF-8 by definition; don't guess UTF-16/32
            .disable(JsonFactory.Feature.CHARSET_DETECTION)
            .build();

    private JsonText() {
    }

    /** Whether {@code utf8} holds exactly one JSON value (surrounding whitespace allowed). */
    public static boolean isSingleValue(byte[] utf8) {
        return problem(utf8) == null;
    }

    /** Null if {@code utf8} holds exactly one JSON value, else what is wrong, as a predicate ("is empty"). */
    public static String problem(byte[] utf8) {
        try (JsonParser p = FACTORY.createParser(utf8)) {
            if (p.nextToken() == null) {
                return "is empty";
            }
            p.skipChildren();
            return p.nextToken() == null ? null : "holds more than one JSON value";
        } catch (JsonProcessingException e) {
            return "is not valid JSON: " + e.getOriginalMessage();
        } catch (IOException e) {
            return "is not valid JSON";
        }
    }
}
