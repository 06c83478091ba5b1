package io.hubbub.protocol.filter;

import java.util.ArrayList;
import java.util.List;

/** Splits a filter into tokens; positions are 0-based character offsets, as in Microsoft.OData's messages. */
final class FilterLexer {

    private final String input;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private FilterLexer(String input) {
        this.input = input;
    }

    /** The tokens of {@code input}, always ending with one {@link Token.Kind#END}. */
    static List<Token> tokenize(String input) {
        FilterLexer lexer = new FilterLexer(input);
        lexer.run();
        return List.copyOf(lexer.tokens);
    }

    private void run() {
        while (true) {
            skipWhitespace();
            if (pos >= input.length()) {
                tokens.add(new Token(Token.Kind.END, pos, "", null));
                return;
            }
            char c = input.charAt(pos);
            switch (c) {
                case '(' -> single(Token.Kind.LEFT_PAREN);
                case ')' -> single(Token.Kind.RIGHT_PAREN);
                case ',' -> single(Token.Kind.COMMA);
                case '\'' -> string();
                default -> {
                    if (isDigit(c) || ((c == '-' || c == '+') && isDigit(charAt(pos + 1)))) {
                        integer();
                    } else if (isWordStart(c)) {
                        word();
                    } else {
                        throw unexpectedCharacter(c);
                    }
                }
            }
        }
    }

    private void single(Token.Kind kind) {
        tokens.add(new Token(kind, pos, input.substring(pos, pos + 1), null));
        pos++;
    }

    private void string() {
        int start = pos;
        StringBuilder value = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= input.length()) {
                throw new FilterSyntaxException("Unterminated string literal starting at position " + start);
            }
            char c = input.charAt(pos++);
            if (c != '\'') {
                value.append(c);
            } else if (charAt(pos) == '\'') {
                value.append('\'');
                pos++;
            } else {
                break;
            }
        }
        tokens.add(new Token(Token.Kind.STRING, start, input.substring(start, pos), value.toString()));
    }

    private void integer() {
        int start = pos;
        pos++;
        while (isDigit(charAt(pos))) {
            pos++;
        }
        String text = input.substring(start, pos);
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new FilterSyntaxException("Integer literal '" + text + "' at position " + start + " is out of range");
        }
        tokens.add(new Token(Token.Kind.INTEGER, start, text, value));
    }

    private void word() {
        int start = pos;
        while (pos < input.length() && isWordPart(input.charAt(pos))) {
            pos++;
        }
        tokens.add(new Token(Token.Kind.WORD, start, input.substring(start, pos), null));
    }

    private FilterSyntaxException unexpectedCharacter(char c) {
        String hint = switch (c) {
            case '"' -> ": string literals are enclosed in single quotes";
            case '.' -> ": only integer numbers are supported";
            case '=', '!', '<', '>', '&', '|' -> ": use the operators eq, ne, gt, ge, lt, le, and, or, not";
            default -> "";
        };
        return new FilterSyntaxException("Unexpected character '" + c + "' at position " + pos + hint);
    }

    private void skipWhitespace() {
        while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
            pos++;
        }
    }

    private char charAt(int index) {
        return index < input.length() ? input.charAt(index) : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c);
    }
}
