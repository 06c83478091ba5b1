/**
 * Codec for the JSON subprotocols {@code json.webpubsub.azure.v1} and {@code json.reliable.webpubsub.azure.v1}:
 * client frames decode to {@link io.hubbub.protocol.json.ClientMessage}s, service frames are encoded by
 * {@link io.hubbub.protocol.json.JsonServerMessageEncoder}. Pure functions over bytes.
 */
package io.hubbub.protocol.json;
