package io.hubbub.protocol.json;

import java.nio.charset.StandardCharsets;

/**
 * Best-effort search for a top-level {@code "ackId":<digits>} in a frame that is not valid JSON, so a client can
 * still get its {@code BadRequest} ack when the syntax error comes before the ackId. Only used on that error path.
 */
final class AckIdScanner {

    private static final byte[] KEY = {'a', 'c', 'k', 'I', 'd'};

    private AckIdScanner() {
    }

    /** The first valid top-level ackId, or null. */
    static Long find(byte[] b, int offset, int length) {
        int end = offset + length;
        int first = skipWhitespace(b, offset, end);
        if (first >= end || b[first] != '{') {
            return null;
        }
        int depth = 0;
        for (int i = first; i < end; i++) {
            byte c = b[i];
            if (c == '"') {
                int start = i + 1;
                i = closingQuote(b, start, end);
                if (i >= end) {
                    return null;
                }
                if (depth == 1 && isKey(b, start, i)) {
                    Long value = readValue(b, i + 1, end);
                    if (value != null) {
                        return value;
                    }
                }
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return null;
    }

    private static int closingQuote(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == '\\') {
                i++;
            } else if (b[i] == '"') {
                return i;
            }
        }
        return end;
    }

    private static boolean isKey(byte[] b, int start, int quote) {
        if (quote - start != KEY.length) {
            return false;
        }
        for (int k = 0; k < KEY.length; k++) {
            if (b[start + k] != KEY[k]) {
                return false;
            }
        }
        return true;
    }

    private static Long readValue(byte[] b, int from, int end) {
        int i = skipWhitespace(b, from, end);
        if (i >= end || b[i] != ':') {
            return null;
        }
        int start = skipWhitespace(b, i + 1, end);
        int j = start;
        while (j < end && b[j] >= '0' && b[j] <= '9') {
            j++;
        }
        boolean leadingZero = j - start > 1 && b[start] == '0';
        boolean fraction = j < end && (b[j] == '.' || b[j] == 'e' || b[j] == 'E');
        if (j == start || leadingZero || fraction) {
            return null;
        }
        return JsonSupport.parseUnsigned(new String(b, start, j - start, StandardCharsets.US_ASCII));
    }

    private static int skipWhitespace(byte[] b, int i, int end) {
        while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
            i++;
        }
        return i;
    }
}
