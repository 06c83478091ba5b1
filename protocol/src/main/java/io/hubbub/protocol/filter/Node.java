package io.hubbub.protocol.filter;

import java.util.List;
import java.util.Set;

/**
 * The compiled filter: a tree of immutable nodes built once by {@link FilterParser}. Values are String, Long,
 * Boolean, Set&lt;String&gt; (groups) or null; boolean nodes use three-valued logic where null means unknown.
 */
sealed interface Node {

    Object eval(FilterSubject subject);

    record Literal(Object value) implements Node {
        @Override
        public Object eval(FilterSubject subject) {
            return value;
        }
    }

    record UserIdRef() implements Node {
        @Override
        public Object eval(FilterSubject subject) {
            return subject.userId();
        }
    }

    record ConnectionIdRef() implements Node {
        @Override
        public Object eval(FilterSubject subject) {
            return subject.connectionId();
        }
    }

    record GroupsRef() implements Node {
        @Override
        public Object eval(FilterSubject subject) {
            Set<String> groups = subject.groups();
            return groups == null ? Set.of() : groups;
        }
    }

    record Not(Node operand) implements Node {
        @Override
        public Object eval(FilterSubject subject) {
            Object value = operand.eval(subject);
            return value == null ? null : Boolean.valueOf(!(Boolean) value);
        }
    }

    /** n-ary so that long chains stay flat: false wins over unknown, unknown over true. */
    record And(List<Node> operands) implements Node {
        @Override
        public Object eval(FilterSubject subject) {
            boolean unknown = false;
            for (int i = 0; i < operands.size(); i++) {
                Object value = operands.get(i).eval(subject);
                if (value == null) {
                    unknown = true;
                } else if (!(Boolean) value) {
                    return Boolean.FALSE;
                }
            }
            return unknown ? null : Boolean.TRUE;
        }
    }

    /** n-ary so that long chains stay flat: true wins over unknown, unknown over false. */
    record Or(List<Node> operands) implements Node {
        @Override
        public Object eval(FilterSubject subject) {
            boolean unknown = false;
            for (int i = 0; i < operands.size(); i++) {
                Object value = operands.get(i).eval(subject);
                if (value == null) {
                    unknown = true;
                } else if ((Boolean) value) {
                    return Boolean.TRUE;
                }
            }
            return unknown ? null : Boolean.FALSE;
        }
    }

    record Compare(CompareOp op, Node left, Node right) implements Node {
        @Override
        public Object eval(FilterSubject subject) {
            return Boolean.valueOf(op.test(left.eval(subject), right.eval(subject)));
        }
    }

    /** {@code x in (...)} with only literal candidates: one hash lookup. */
    record InSet(Node item, Set<Object> values, boolean containsNull) implements Node {
        @Override
        public Object eval(FilterSubject subject) {
            Object value = item.eval(subject);
            return Boolean.valueOf(value == null ? containsNull : values.contains(value));
        }
    }

    /** {@code x in (...)} with computed candidates: true if x eq any of them. */
    record InList(Node item, List<Node> candidates) implements Node {
        @Override
        public Object eval(FilterSubject subject) {
            Object value = item.eval(subject);
            for (int i = 0; i < candidates.size(); i++) {
                if (CompareOp.EQ.test(value, candidates.get(i).eval(subject))) {
                    return Boolean.TRUE;
                }
            }
            return Boolean.FALSE;
        }
    }

    /** {@code x in groups}; a null x is in no collection. */
    record InCollection(Node item, Node collection) implements Node {
        @Override
        public Object eval(FilterSubject subject) {
            Object value = item.eval(subject);
            return Boolean.valueOf(value != null && ((Set<?>) collection.eval(subject)).contains(value));
        }
    }

    /** A function call of one to three arguments; any null argument makes the result null. */
    record Call(FilterFunction function, Node first, Node second, Node third) implements Node {
        @Override
        public Object eval(FilterSubject subject) {
            Object a = first.eval(subject);
            if (a == null) {
                return null;
            }
            Object b = null;
            if (second != null && (b = second.eval(subject)) == null) {
                return null;
            }
            Object c = null;
            if (third != null && (c = third.eval(subject)) == null) {
                return null;
            }
            return function.apply(a, b, c);
        }
    }
}
