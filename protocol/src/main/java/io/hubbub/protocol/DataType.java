package io.hubbub.protocol;

/** The kind of a message's content, as named by the {@code dataType} field of the JSON subprotocols. */
public enum DataType {
    TEXT("text"),
    JSON("json"),
    BINARY("binary"),
    PROTOBUF("protobuf");

    private final String wireName;

    DataType(String wireName) {
        this.wireName = wireName;
    }

    /** The lower-case name used on the wire. */
    public String wireName() {
        return wireName;
    }

    /**
     * The data type with this exact wire name, or {@code null} when unknown. Matching is case-sensitive: the SDKs
     * only ever send the lower-case names.
     */
    public static DataType fromWireName(String name) {
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "text" -> TEXT;
            case "json" -> JSON;
            case "binary" -> BINARY;
            case "protobuf" -> PROTOBUF;
            default -> null;
        };
    }
}
