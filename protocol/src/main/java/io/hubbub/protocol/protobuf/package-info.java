/**
 * Codec for the protobuf subprotocols {@code protobuf.webpubsub.azure.v1} and
 * {@code protobuf.reliable.webpubsub.azure.v1}: binary frames decode to the same
 * {@link io.hubbub.protocol.json.ClientMessage} records as the JSON codec, service frames are encoded by
 * {@link io.hubbub.protocol.protobuf.ProtobufServerMessageEncoder}. The schema is {@code src/main/proto}; classes
 * generated from it live in {@code io.hubbub.protocol.protobuf.generated}. Pure functions over bytes.
 */
package io.hubbub.protocol.protobuf;
