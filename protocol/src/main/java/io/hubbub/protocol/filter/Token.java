package io.hubbub.protocol.filter;

import java.util.Locale;

/** One lexical token; {@code value} is the decoded String or Long of a literal, else null. */
record Token(Kind kind, int position, String text, Object value) {

    enum Kind { WORD, STRING, INTEGER, LEFT_PAREN, RIGHT_PAREN, COMMA, END }

    boolean isWord(String lowerCaseKeyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(lowerCaseKeyword);
    }

    String lowerText() {
        return text.toLowerCase(Locale.ROOT);
    }

    /** "token 'x' at position 3", "string literal 'a' at position 5" or "end of expression at position 9". */
    String describe() {
        String what = switch (kind) {
            case END -> "end of expression";
            case STRING -> "string literal " + text;
            case INTEGER -> "number " + text;
            default -> "token '" + text + "'";
        };
        return what + " at position " + position;
    }
}
