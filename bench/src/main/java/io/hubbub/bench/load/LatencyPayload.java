package io.hubbub.bench.load;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Message data that carries its send time: {@code System.nanoTime()} in decimal, a space, then padding to the
 * wanted size. Sender and receiver are both this process, so the monotonic clock is shared. Plain ASCII, so the
 * server's JSON encoding leaves it untouched.
 */
final class LatencyPayload {

    private static final byte[] DATA_FIELD = "\"data\":\"".getBytes(StandardCharsets.US_ASCII);

    private LatencyPayload() {
    }

    /** {@code size} bytes: the timestamp, a space, then 'x' padding. */
    static byte[] data(long sentNanos, int size) {
        byte[] ts = Long.toString(sentNanos).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[Math.max(size, ts.length + 1)];
        System.arraycopy(ts, 0, out, 0, ts.length);
        Arrays.fill(out, ts.length, out.length, (byte) 'x');
        out[ts.length] = ' ';
        return out;
    }

    /** A client frame {@code prefix + data + suffix}, the data being text ({@code suffix} closes the JSON). */
    static byte[] jsonFrame(String prefixUpToData, long sentNanos, int size, String suffix) {
        byte[] prefix = prefixUpToData.getBytes(StandardCharsets.UTF_8);
        byte[] data = data(sentNanos, size);
        byte[] end = suffix.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[prefix.length + data.length + end.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(data, 0, out, prefix.length, data.length);
        System.arraycopy(end, 0, out, prefix.length + data.length, end.length);
        return out;
    }

    /** The send time in a server message's text {@code data}, or -1 when the frame has none (system messages). */
    static long sentNanos(ByteBuf frame) {
        int start = frame.readerIndex();
        int end = frame.writerIndex() - DATA_FIELD.length;
        outer:
        for (int i = start; i <= end; i++) {
            for (int j = 0; j < DATA_FIELD.length; j++) {
                if (frame.getByte(i + j) != DATA_FIELD[j]) {
                    continue outer;
                }
            }
            return digits(frame, i + DATA_FIELD.length);
        }
        return -1;
    }

    private static long digits(ByteBuf frame, int from) {
        long value = 0;
        int i = from;
        int end = frame.writerIndex();
        for (; i < end; i++) {
            byte b = frame.getByte(i);
            if (b < '0' || b > '9') {
                break;
            }
            value = value * 10 + (b - '0');
        }
        return i == from ? -1 : value;
    }
}
