package io.hubbub.server.hub.permission;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A group name pattern from a {@code webpubsub.joinLeaveGroups.<pattern>} / {@code webpubsub.sendToGroups.<pattern>}
 * role (PROTOCOL.md §8.1). {@code ?} is one character other than {@code .}; {@code *} is a possibly empty run of
 * characters other than {@code .}; {@code **} is a possibly empty run of any characters; {@code \} makes the next
 * character literal. Matching is case-sensitive.
 *
 * <p>Matching is a dynamic program over (token, group position), O(tokens × group length), so a hostile pattern
 * cannot make it backtrack exponentially. Immutable and thread-safe.
 */
public final class GroupPattern {

    static final int MAX_STARS = 5;

    private enum Kind { LITERAL, ONE, STAR, DOUBLE_STAR }

    private record Token(Kind kind, String literal) {
        int fixedLength() {
            return switch (kind) {
                case LITERAL -> literal.length();
                case ONE -> 1;
                case STAR, DOUBLE_STAR -> 0;
            };
        }
    }

    private final String source;
    private final Token[] tokens;
    /** Characters every match needs at least (literals and {@code ?}); a shorter group cannot match. */
    private final int minLength;
    private final boolean hasStars;

    private GroupPattern(String source, Token[] tokens) {
        this.source = source;
        this.tokens = tokens;
        int min = 0;
        boolean stars = false;
        for (Token token : tokens) {
            min += token.fixedLength();
            stars |= token.kind == Kind.STAR || token.kind == Kind.DOUBLE_STAR;
        }
        this.minLength = min;
        this.hasStars = stars;
    }

    /** throws IllegalArgumentException for a pattern with more than five '*' (counting both of a '**') or a dangling '\'. */
    public static GroupPattern compile(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        List<Token> tokens = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int stars = 0;
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                if (i + 1 == pattern.length()) {
                    throw new IllegalArgumentException("dangling '\\' at the end of group pattern: " + pattern);
                }
                // The docs name \\, \* and \?; any other escaped character is taken literally as well.
                literal.append(pattern.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c != '*' && c != '?') {
                literal.append(c);
                i++;
                continue;
            }
            flushLiteral(literal, tokens);
            if (c == '?') {
                tokens.add(new Token(Kind.ONE, null));
                i++;
            } else if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                stars += 2;
                tokens.add(new Token(Kind.DOUBLE_STAR, null));
                i += 2;
            } else {
                stars++;
                tokens.add(new Token(Kind.STAR, null));
                i++;
            }
            if (stars > MAX_STARS) {
                throw new IllegalArgumentException(
                        "group pattern has more than " + MAX_STARS + " '*': " + pattern);
            }
        }
        flushLiteral(literal, tokens);
        return new GroupPattern(pattern, tokens.toArray(new Token[0]));
    }

    private static void flushLiteral(StringBuilder literal, List<Token> tokens) {
        if (!literal.isEmpty()) {
            tokens.add(new Token(Kind.LITERAL, literal.toString()));
            literal.setLength(0);
        }
    }

    public boolean matches(String group) {
        if (group == null) {
            return false;
        }
        int n = group.length();
        if (n < minLength || (!hasStars && n != minLength)) {
            return false;
        }
        // reach[i]: the tokens consumed so far can match exactly group[0, i).
        boolean[] reach = new boolean[n + 1];
        boolean[] next = new boolean[n + 1];
        reach[0] = true;
        for (Token token : tokens) {
            Arrays.fill(next, false);
            boolean any = false;
            switch (token.kind) {
                case LITERAL -> {
                    int len = token.literal.length();
                    for (int i = 0; i + len <= n; i++) {
                        if (reach[i] && group.startsWith(token.literal, i)) {
                            next[i + len] = true;
                            any = true;
                        }
                    }
                }
                case ONE -> {
                    for (int i = 0; i < n; i++) {
                        if (reach[i] && group.charAt(i) != '.') {
                            next[i + 1] = true;
                            any = true;
                        }
                    }
                }
                case STAR -> {
                    for (int i = 0; i <= n; i++) {
                        next[i] = reach[i] || (i > 0 && next[i - 1] && group.charAt(i - 1) != '.');
                        any |= next[i];
                    }
                }
                case DOUBLE_STAR -> {
                    for (int i = 0; i <= n; i++) {
                        next[i] = reach[i] || (i > 0 && next[i - 1]);
                        any |= next[i];
                    }
                }
            }
            if (!any) {
                return false;
            }
            boolean[] swap = reach;
            reach = next;
            next = swap;
        }
        return reach[n];
    }

    /** The one group this pattern matches when it has no wildcards (e.g. {@code literal\*star}), else null. */
    String literalOrNull() {
        if (tokens.length == 0) {
            return "";
        }
        return tokens.length == 1 && tokens[0].kind == Kind.LITERAL ? tokens[0].literal : null;
    }

    /** The pattern as written, escapes included. */
    public String source() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupPattern other && other.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }
}
