package io.hubbub.protocol.filter;

/** Static types of filter expressions; NULL is the type of the {@code null} literal only. */
enum ValueType {
    BOOL("bool"),
    STRING("string"),
    INT("int"),
    COLLECTION("collection"),
    NULL("null");

    private final String displayName;

    ValueType(String displayName) {
        this.displayName = displayName;
    }

    /** The {@code null} literal fits any scalar slot; a collection only fits a collection slot. */
    boolean assignableTo(ValueType target) {
        return this == target || (this == NULL && target != COLLECTION);
    }

    String displayName() {
        return displayName;
    }
}
