/**
 * The raw Netty floor: the least a Netty server can do to deliver the benchmark's messages (pre-encoded WebSocket
 * frames written to each receiver from its own event loop, nothing else), so that Hubbub's CPU per delivery can be
 * compared with it.
 */
package io.hubbub.bench.floor;
