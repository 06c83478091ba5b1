package io.hubbub.protocol.filter;

import static io.hubbub.protocol.filter.ValueType.BOOL;
import static io.hubbub.protocol.filter.ValueType.COLLECTION;
import static io.hubbub.protocol.filter.ValueType.NULL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Static typing of filter expressions, so every type error surfaces at parse time. Messages follow the cloud's
 * shape: {@code Invalid syntax for 'not length(userId)': Type 'int', expect 'bool'.}
 */
final class TypeChecker {

    private static final int MAX_SNIPPET = 100;

    private final String source;

    TypeChecker(String source) {
        this.source = source;
    }

    /** Operands of and/or/not and the whole filter must be bool; the {@code null} literal is not. */
    void requireBool(Typed operand, int start, int end) {
        if (operand.type() != BOOL) {
            throw invalid(start, end, "Type '" + operand.type().displayName() + "', expect 'bool'.");
        }
    }

    Typed compare(CompareOp op, Typed left, Typed right) {
        int start = left.start();
        int end = right.end();
        for (Typed side : List.of(left, right)) {
            if (side.type() == COLLECTION
                    || (op.isOrdering() && side.type() == BOOL)) {
                throw invalid(start, end, "Operator '" + op.keyword() + "' cannot be applied to type '"
                        + side.type().displayName() + "'.");
            }
        }
        if (left.type() != NULL && right.type() != NULL && left.type() != right.type()) {
            throw invalid(start, end, "Cannot compare type '" + left.type().displayName() + "' with type '"
                    + right.type().displayName() + "'.");
        }
        return new Typed(new Node.Compare(op, left.node(), right.node()), BOOL, start, end);
    }

    /** {@code item in (c1, c2, ...)}: like eq against each candidate, so all must share one scalar type. */
    Typed inList(Typed item, List<Typed> candidates, int end) {
        ValueType common = item.type();
        List<Typed> all = new ArrayList<>(candidates);
        all.add(0, item);
        for (Typed each : all) {
            if (each.type() == COLLECTION) {
                throw invalid(item.start(), end, "Type 'collection' cannot be used in an 'in' list.");
            }
            if (common == NULL) {
                common = each.type();
            } else if (each.type() != NULL && each.type() != common) {
                throw invalid(item.start(), end, "Type '" + each.type().displayName() + "' of '"
                        + snippet(each.start(), each.end()) + "', expect '" + common.displayName() + "'.");
            }
        }
        List<Node> nodes = candidates.stream().map(Typed::node).collect(Collectors.toList());
        boolean allLiterals = nodes.stream().allMatch(node -> node instanceof Node.Literal);
        Node node;
        if (allLiterals) {
            Set<Object> values = new HashSet<>();
            boolean containsNull = false;
            for (Node candidate : nodes) {
                Object value = ((Node.Literal) candidate).value();
                if (value == null) {
                    containsNull = true;
                } else {
                    values.add(value);
                }
            }
            node = new Node.InSet(item.node(), Set.copyOf(values), containsNull);
        } else {
            node = new Node.InList(item.node(), List.copyOf(nodes));
        }
        return new Typed(node, BOOL, item.start(), end);
    }

    /** {@code item in groups}. */
    Typed inCollection(Typed item, Typed collection) {
        int start = item.start();
        int end = collection.end();
        if (collection.type() != COLLECTION) {
            throw invalid(start, end, "Type '" + collection.type().displayName() + "', expect 'collection'.");
        }
        if (!item.type().assignableTo(ValueType.STRING)) {
            throw invalid(start, end, "Type '" + item.type().displayName() + "', expect 'string'.");
        }
        return new Typed(new Node.InCollection(item.node(), collection.node()), BOOL, start, end);
    }

    /** Picks the overload by argument count, then by argument types, in declaration order. */
    Typed call(String name, List<FilterFunction> overloads, List<Typed> args, int start, int end) {
        List<FilterFunction> byCount = overloads.stream().filter(f -> f.accepts(args.size())).toList();
        if (byCount.isEmpty()) {
            FilterFunction first = overloads.get(0);
            String expected = first.minArguments() == first.maxArguments()
                    ? String.valueOf(first.minArguments())
                    : first.minArguments() + " or " + first.maxArguments();
            throw invalid(start, end, "Function '" + name + "' expects " + expected + " argument"
                    + (first.maxArguments() == 1 ? "" : "s") + " but got " + args.size() + ".");
        }
        for (FilterFunction function : byCount) {
            if (fits(function, args)) {
                Node a = args.get(0).node();
                Node b = args.size() > 1 ? args.get(1).node() : null;
                Node c = args.size() > 2 ? args.get(2).node() : null;
                return new Typed(new Node.Call(function, a, b, c), function.result(), start, end);
            }
        }
        for (int i = 0; i < args.size(); i++) {
            int index = i;
            ValueType actual = args.get(i).type();
            if (byCount.stream().noneMatch(f -> actual.assignableTo(f.parameters().get(index)))) {
                String expected = byCount.stream()
                        .map(f -> "'" + f.parameters().get(index).displayName() + "'")
                        .distinct()
                        .collect(Collectors.joining(" or "));
                throw invalid(start, end, "Type '" + actual.displayName() + "', expect " + expected
                        + " for argument " + (i + 1) + ".");
            }
        }
        throw invalid(start, end, "No overload of '" + name + "' accepts these argument types.");
    }

    private static boolean fits(FilterFunction function, List<Typed> args) {
        for (int i = 0; i < args.size(); i++) {
            if (!args.get(i).type().assignableTo(function.parameters().get(i))) {
                return false;
            }
        }
        return true;
    }

    FilterSyntaxException invalid(int start, int end, String detail) {
        return new FilterSyntaxException("Invalid syntax for '" + snippet(start, end) + "': " + detail);
    }

    private String snippet(int start, int end) {
        String text = source.substring(start, end);
        return text.length() <= MAX_SNIPPET ? text : text.substring(0, MAX_SNIPPET - 3) + "...";
    }
}
