package io.hubbub.protocol.filter;

import static io.hubbub.protocol.filter.ValueType.BOOL;
import static io.hubbub.protocol.filter.ValueType.COLLECTION;
import static io.hubbub.protocol.filter.ValueType.INT;
import static io.hubbub.protocol.filter.ValueType.STRING;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The built-in functions. {@link #apply} never sees a null argument: {@link Node.Call} returns null first. Strings
 * are measured in UTF-16 code units, as .NET (and so the cloud) does.
 */
enum FilterFunction {
    TOLOWER("tolower", STRING, 1, STRING) {
        @Override
        Object apply(Object a, Object b, Object c) {
            return ((String) a).toLowerCase(Locale.ROOT);
        }
    },
    TOUPPER("toupper", STRING, 1, STRING) {
        @Override
        Object apply(Object a, Object b, Object c) {
            return ((String) a).toUpperCase(Locale.ROOT);
        }
    },
    TRIM("trim", STRING, 1, STRING) {
        @Override
        Object apply(Object a, Object b, Object c) {
            return ((String) a).strip();
        }
    },
    /** Out-of-range start or length is clamped instead of failing at match time. */
    SUBSTRING("substring", STRING, 2, STRING, INT, INT) {
        @Override
        Object apply(Object a, Object b, Object c) {
            String text = (String) a;
            long start = Math.min(Math.max((Long) b, 0), text.length());
            long end = c == null ? text.length() : start + Math.min(Math.max((Long) c, 0), text.length() - start);
            return text.substring((int) start, (int) end);
        }
    },
    CONCAT("concat", STRING, 2, STRING, STRING) {
        @Override
        Object apply(Object a, Object b, Object c) {
            return ((String) a).concat((String) b);
        }
    },
    INDEXOF("indexof", INT, 2, STRING, STRING) {
        @Override
        Object apply(Object a, Object b, Object c) {
            return Long.valueOf(((String) a).indexOf((String) b));
        }
    },
    LENGTH("length", INT, 1, STRING) {
        @Override
        Object apply(Object a, Object b, Object c) {
            return Long.valueOf(((String) a).length());
        }
    },
    LENGTH_OF_COLLECTION("length", INT, 1, COLLECTION) {
        @Override
        Object apply(Object a, Object b, Object c) {
            return Long.valueOf(((Set<?>) a).size());
        }
    },
    STARTSWITH("startswith", BOOL, 2, STRING, STRING) {
        @Override
        Object apply(Object a, Object b, Object c) {
            return Boolean.valueOf(((String) a).startsWith((String) b));
        }
    },
    ENDSWITH("endswith", BOOL, 2, STRING, STRING) {
        @Override
        Object apply(Object a, Object b, Object c) {
            return Boolean.valueOf(((String) a).endsWith((String) b));
        }
    },
    CONTAINS("contains", BOOL, 2, STRING, STRING) {
        @Override
        Object apply(Object a, Object b, Object c) {
            return Boolean.valueOf(((String) a).contains((String) b));
        }
    };

    private final String functionName;
    private final ValueType result;
    private final int requiredArguments;
    private final List<ValueType> parameters;

    FilterFunction(String functionName, ValueType result, int requiredArguments, ValueType... parameters) {
        this.functionName = functionName;
        this.result = result;
        this.requiredArguments = requiredArguments;
        this.parameters = List.of(parameters);
    }

    /** {@code c} is null when the optional third argument is absent; never when it was given. */
    abstract Object apply(Object a, Object b, Object c);

    String functionName() {
        return functionName;
    }

    ValueType result() {
        return result;
    }

    int minArguments() {
        return requiredArguments;
    }

    int maxArguments() {
        return parameters.size();
    }

    List<ValueType> parameters() {
        return parameters;
    }

    boolean accepts(int argumentCount) {
        return argumentCount >= requiredArguments && argumentCount <= parameters.size();
    }

    /** The overloads called {@code name} (lower case), in resolution order; empty if there is no such function. */
    static List<FilterFunction> named(String name) {
        return switch (name) {
            case "length" -> List.of(LENGTH, LENGTH_OF_COLLECTION);
            default -> {
                for (FilterFunction function : values()) {
                    if (function.functionName.equals(name)) {
                        yield List.of(function);
                    }
                }
                yield List.of();
            }
        };
    }
}
