package io.hubbub.protocol.filter;

/** A parsed sub-expression with its static type and source span [start, end), used while parsing only. */
record Typed(Node node, ValueType type, int start, int end) {
}
