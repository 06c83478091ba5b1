package io.hubbub.protocol.filter;

import java.util.Objects;

/** Comparison operators. eq/ne treat null as a value; ordering with a null operand is false. */
enum CompareOp {
    EQ("eq"),
    NE("ne"),
    GT("gt"),
    GE("ge"),
    LT("lt"),
    LE("le");

    private final String keyword;

    CompareOp(String keyword) {
        this.keyword = keyword;
    }

    String keyword() {
        return keyword;
    }

    boolean isOrdering() {
        return this != EQ && this != NE;
    }

    /** The operator spelled by {@code word}, case-insensitively, or null. */
    static CompareOp fromKeyword(String word) {
        for (CompareOp op : values()) {
            if (op.keyword.equalsIgnoreCase(word)) {
                return op;
            }
        }
        return null;
    }

    /** Operands were type-checked at parse time: both String, both Long or both Boolean, any of them null. */
    boolean test(Object left, Object right) {
        switch (this) {
            case EQ:
                return Objects.equals(left, right);
            case NE:
                return !Objects.equals(left, right);
            default:
                if (left == null || right == null) {
                    return false;
                }
                int order = left instanceof String text
                        ? text.compareTo((String) right)
                        : Long.compare((Long) left, (Long) right);
                return switch (this) {
                    case GT -> order > 0;
                    case GE -> order >= 0;
                    case LT -> order < 0;
                    default -> order <= 0;
                };
        }
    }
}
