package io.hubbub.protocol.filter;

import static io.hubbub.protocol.filter.ValueType.BOOL;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser and compiler. Grammar, loosest first (PROTOCOL.md §4.7):
 * <pre>
 * or         = and *( "or" and )
 * and        = comparison *( "and" comparison )
 * comparison = unary *( ( "eq" / "ne" / "gt" / "ge" / "lt" / "le" ) unary / "in" ( list / unary ) )
 * unary      = "not" unary / primary
 * primary    = "(" or ")" / literal / identifier / function "(" [ or *( "," or ) ] ")"
 * list       = "(" or *( "," or ) ")"
 * </pre>
 */
final class FilterParser {

    /** PROTOCOL.md §10: about 100 clauses; comparisons, {@code in} tests and boolean function calls count. */
    static final int MAX_CLAUSES = 100;
    /** Nested parentheses, {@code not}, function calls and lists; keeps parsing and evaluation off the stack limit. */
    static final int MAX_DEPTH = 64;

    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "eq", "ne", "gt", "ge", "lt", "le");

    private final List<Token> tokens;
    private final TypeChecker types;
    private int index;
    private int depth;
    private int clauses;

    private FilterParser(String source) {
        this.tokens = FilterLexer.tokenize(source);
        this.types = new TypeChecker(source);
    }

    static Node parse(String source) {
        if (source == null || source.isBlank()) {
            throw new FilterSyntaxException("Filter expression is empty");
        }
        FilterParser parser = new FilterParser(source);
        Typed root = parser.parseOr();
        Token next = parser.peek();
        if (next.kind() != Token.Kind.END) {
            throw new FilterSyntaxException(
                    "Unexpected " + next.describe() + ", expected 'and', 'or' or end of expression");
        }
        parser.types.requireBool(root, root.start(), root.end());
        return root.node();
    }

    private Typed parseOr() {
        return parseChain("or", true);
    }

    private Typed parseAnd() {
        return parseChain("and", false);
    }

    /** a op b op c ... as one flat n-ary node. */
    private Typed parseChain(String keyword, boolean isOr) {
        Typed first = isOr ? parseAnd() : parseComparison();
        if (!peek().isWord(keyword)) {
            return first;
        }
        List<Node> operands = new ArrayList<>();
        operands.add(first.node());
        Typed previous = first;
        while (peek().isWord(keyword)) {
            advance();
            Typed next = isOr ? parseAnd() : parseComparison();
            if (previous == first) {
                types.requireBool(first, first.start(), next.end());
            }
            types.requireBool(next, previous.start(), next.end());
            operands.add(next.node());
            previous = next;
        }
        Node node = isOr ? new Node.Or(List.copyOf(operands)) : new Node.And(List.copyOf(operands));
        return new Typed(node, BOOL, first.start(), previous.end());
    }

    private Typed parseComparison() {
        Typed left = parseUnary();
        while (true) {
            Token operator = peek();
            CompareOp op = operator.kind() == Token.Kind.WORD ? CompareOp.fromKeyword(operator.text()) : null;
            if (op != null) {
                advance();
                countClause(operator);
                left = types.compare(op, left, parseUnary());
            } else if (operator.isWord("in")) {
                advance();
                countClause(operator);
                left = parseInTarget(left);
            } else {
                return left;
            }
        }
    }

    /** After {@code in}: a parenthesised list is always a list, even of one; anything else must be a collection. */
    private Typed parseInTarget(Typed item) {
        Token open = peek();
        if (open.kind() != Token.Kind.LEFT_PAREN) {
            return types.inCollection(item, parseUnary());
        }
        advance();
        enter(open);
        List<Typed> candidates = parseArguments(open, "the 'in' list");
        depth--;
        if (candidates.isEmpty()) {
            throw new FilterSyntaxException("Empty 'in' list at position " + open.position());
        }
        return types.inList(item, candidates, previous().position() + 1);
    }

    private Typed parseUnary() {
        Token token = peek();
        if (!token.isWord("not")) {
            return parsePrimary();
        }
        advance();
        enter(token);
        Typed operand = parseUnary();
        depth--;
        types.requireBool(operand, token.position(), operand.end());
        return new Typed(new Node.Not(operand.node()), BOOL, token.position(), operand.end());
    }

    private Typed parsePrimary() {
        Token token = advance();
        switch (token.kind()) {
            case LEFT_PAREN -> {
                enter(token);
                Typed inner = parseOr();
                depth--;
                Token close = advance();
                if (close.kind() != Token.Kind.RIGHT_PAREN) {
                    throw new FilterSyntaxException("Expected ')' to close '(' at position " + token.position()
                            + ", found " + close.describe());
                }
                return new Typed(inner.node(), inner.type(), token.position(), close.position() + 1);
            }
            case STRING -> {
                return literal(token, token.value(), ValueType.STRING);
            }
            case INTEGER -> {
                return literal(token, token.value(), ValueType.INT);
            }
            case WORD -> {
                return parseWord(token);
            }
            case END -> throw new FilterSyntaxException("Unexpected end of expression at position "
                    + token.position() + ", expected a value");
            default -> throw new FilterSyntaxException("Unexpected " + token.describe() + ", expected a value");
        }
    }

    private Typed parseWord(Token token) {
        String word = token.lowerText();
        switch (word) {
            case "true":
                return literal(token, Boolean.TRUE, BOOL);
            case "false":
                return literal(token, Boolean.FALSE, BOOL);
            case "null":
                return literal(token, null, ValueType.NULL);
            case "userid":
                return leaf(token, new Node.UserIdRef(), ValueType.STRING);
            case "connectionid":
                return leaf(token, new Node.ConnectionIdRef(), ValueType.STRING);
            case "groups":
                return leaf(token, new Node.GroupsRef(), ValueType.COLLECTION);
            default:
                break;
        }
        if (KEYWORDS.contains(word)) {
            throw new FilterSyntaxException("Unexpected " + token.describe() + ", expected a value");
        }
        List<FilterFunction> overloads = FilterFunction.named(word);
        boolean called = peek().kind() == Token.Kind.LEFT_PAREN;
        if (called && overloads.isEmpty()) {
            throw new FilterSyntaxException("Unknown function '" + token.text() + "' at position " + token.position());
        }
        if (!called && !overloads.isEmpty()) {
            throw new FilterSyntaxException("Expected '(' after function '" + token.text() + "' at position "
                    + token.position() + ", found " + peek().describe());
        }
        if (!called) {
            throw new FilterSyntaxException("Unknown identifier '" + token.text() + "' at position "
                    + token.position() + ", expected userId, connectionId or groups");
        }
        Token open = advance();
        enter(open);
        List<Typed> args = parseArguments(open, "the arguments of '" + token.text() + "'");
        depth--;
        Typed call = types.call(token.text(), overloads, args, token.position(), previous().position() + 1);
        if (call.type() == BOOL) {
            countClause(token);
        }
        return call;
    }

    /** Comma-separated expressions after {@code open}, through the closing parenthesis. */
    private List<Typed> parseArguments(Token open, String what) {
        List<Typed> items = new ArrayList<>();
        if (peek().kind() == Token.Kind.RIGHT_PAREN) {
            advance();
            return items;
        }
        while (true) {
            items.add(parseOr());
            Token next = advance();
            if (next.kind() == Token.Kind.RIGHT_PAREN) {
                return items;
            }
            if (next.kind() != Token.Kind.COMMA) {
                throw new FilterSyntaxException("Expected ',' or ')' in " + what + " opened at position "
                        + open.position() + ", found " + next.describe());
            }
        }
    }

    private static Typed literal(Token token, Object value, ValueType type) {
        return leaf(token, new Node.Literal(value), type);
    }

    private static Typed leaf(Token token, Node node, ValueType type) {
        return new Typed(node, type, token.position(), token.position() + token.text().length());
    }

    private void countClause(Token token) {
        if (++clauses > MAX_CLAUSES) {
            throw new FilterSyntaxException("Too many clauses: a filter may have at most " + MAX_CLAUSES
                    + ", clause " + clauses + " is at position " + token.position());
        }
    }

    private void enter(Token token) {
        if (++depth > MAX_DEPTH) {
            throw new FilterSyntaxException("Expression nested too deeply at position " + token.position()
                    + ": at most " + MAX_DEPTH + " levels of parentheses, 'not' and function calls");
        }
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token previous() {
        return tokens.get(index - 1);
    }

    /** Returns the current token and moves past it; END is never passed. */
    private Token advance() {
        Token token = tokens.get(index);
        if (token.kind() != Token.Kind.END) {
            index++;
        }
        return token;
    }
}
