package io.hubbub.protocol.filter;

/**
 * A parsed and type-checked OData {@code filter} (PROTOCOL.md §4.7). Parsing does all the checking, so
 * {@link #matches} never fails on a well-formed subject. Immutable and safe to share between threads.
 */
public final class ODataFilter {

    private final String expression;
    private final Node root;

    private ODataFilter(String expression, Node root) {
        this.expression = expression;
        this.root = root;
    }

    /** @throws FilterSyntaxException if the expression is empty, malformed, mistyped or over the limits */
    public static ODataFilter parse(String expression) {
        return new ODataFilter(expression, FilterParser.parse(expression));
    }

    /** True only when the expression evaluates to true; an unknown (null) result does not match. */
    public boolean matches(FilterSubject subject) {
        return Boolean.TRUE.equals(root.eval(subject));
    }

    public String expression() {
        return expression;
    }

    @Override
    public String toString() {
        return expression;
    }
}
