package io.hubbub.bench.load;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one load run does, independent of the command line (the smoke IT builds it directly).
 *
 * @param connections WebSocket connections to open
 * @param rate messages sent per second (REST calls or client sends); fan-out multiplies deliveries
 * @param payloadBytes size of each message's data
 * @param warmup sending before measuring starts
 * @param duration the measured window
 * @param hub hub name
 * @param sourceAddresses how many loopback source addresses (127.0.0.2 ...) the connections are spread over
 * @param connectConcurrency WebSocket handshakes in flight at once
 * @param restConnections keep-alive HTTP connections for REST sends
 * @param measureHeap whether to measure the server's live heap with jcmd (full GCs; needs its pid)
 */
public record LoadSettings(int connections, double rate, int payloadBytes, Duration warmup, Duration duration,
        String hub, int sourceAddresses, int connectConcurrency, int restConnections, boolean measureHeap) {

    public LoadSettings {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1");
        }
        if (payloadBytes < 32) {
            throw new IllegalArgumentException("payload must be at least 32 bytes (it carries a timestamp)");
        }
        if (duration.toSeconds() < 1 || warmup.isNegative()) {
            throw new IllegalArgumentException("duration must be at least 1 s and warm-up not negative");
        }
        if (sourceAddresses < 1 || sourceAddresses > 250) {
            throw new IllegalArgumentException("source addresses must be between 1 and 250");
        }
    }

    /** Defaults for {@code connections} connections: 2 KB payloads, 5 s warm-up, 20 s measured. */
    public static LoadSettings defaults(int connections, double rate) {
        return new LoadSettings(connections, rate, 2048, Duration.ofSeconds(5), Duration.ofSeconds(20), "bench", 8,
                256, 16, true);
    }

    public LoadSettings withTiming(Duration warmup, Duration duration) {
        return new LoadSettings(connections, rate, payloadBytes, warmup, duration, hub, sourceAddresses,
                connectConcurrency, restConnections, measureHeap);
    }

    public LoadSettings withMeasureHeap(boolean measure) {
        return new LoadSettings(connections, rate, payloadBytes, warmup, duration, hub, sourceAddresses,
                connectConcurrency, restConnections, measure);
    }

    /** 127.0.0.2, 127.0.0.3, ...: each pair with the server's address has ~28k ephemeral ports. */
    List<InetAddress> sourceAddressList() {
        List<InetAddress> out = new ArrayList<>(sourceAddresses);
        for (int i = 0; i < sourceAddresses; i++) {
            try {
                out.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + i)}));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }
}
