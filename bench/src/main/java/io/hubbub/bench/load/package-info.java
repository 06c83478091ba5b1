/**
 * The load generator: {@link io.hubbub.bench.load.LoadCommand} (CLI) drives {@link io.hubbub.bench.load.LoadRun},
 * which opens a {@link io.hubbub.bench.load.ClientFleet} of WebSockets, paces sends, and measures deliveries.
 */
package io.hubbub.bench.load;
